//! The zip container before anything is unpacked: not an encrypted workbook or an old .xls file,
//! at most [`MAX_ZIP_ENTRIES`] entries, and no entry (nor all of them) declaring more bytes than
//! the limits. Also the errors about the container and its sizes, which the other files give too.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::limits::{MAX_PART_BYTES, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, human_bytes};
use crate::problem::{InputError, OpenWhy, Problem};

use super::syntax::shorten;

/// Opens the zip container; refused when it is not one, lists too many entries or declares too
/// many bytes.
pub(super) fn open(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, InputError> {
    // An encrypted workbook (or an old .xls file) is an OLE compound file, not a zip.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(not_opened(OpenWhy::Encrypted));
    }
    // Every file the zip reader lists has a central directory header starting with this
    // signature, so counting the signatures bounds the entries before the zip reader allocates
    // anything for them.
    let signatures = bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count();
    if signatures > MAX_ZIP_ENTRIES {
        return Err(too_many_entries());
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_opened(OpenWhy::Damaged))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_many_entries());
    }

    // The declared sizes first: the zip reader refuses to unpack more than an entry declares, so
    // they bound what follows, and a bomb is refused here without unpacking anything.
    let mut declared_total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip
            .by_index_raw(index)
            .map_err(|_| not_opened(OpenWhy::Damaged))?;
        let size = entry.size();
        if size > MAX_PART_BYTES {
            return Err(part_too_big(&entry_name(&entry), Some(size)));
        }
        declared_total = declared_total.saturating_add(size);
    }
    if declared_total > MAX_UNCOMPRESSED_BYTES {
        return Err(total_too_big(Some(declared_total)));
    }
    Ok(zip)
}

pub(super) fn entry_name<R: Read>(file: &zip::read::ZipFile<'_, R>) -> String {
    file.name()
        .map_or_else(|_| "?".to_string(), |n| shorten(&n))
}

pub(super) fn not_opened(why: OpenWhy) -> InputError {
    InputError::whole(
        "",
        Problem::CannotOpen {
            why,
            detail: String::new(),
        },
    )
}

pub(super) fn too_many_entries() -> InputError {
    InputError::whole(
        "",
        Problem::TooManyParts {
            max: MAX_ZIP_ENTRIES,
        },
    )
}

/// A size as found, or past `limit` when the reading stopped there.
fn size_or_more(size: Option<u64>, limit: u64) -> String {
    size.map_or_else(|| format!("> {}", human_bytes(limit)), human_bytes)
}

pub(super) fn part_too_big(part: &str, size: Option<u64>) -> InputError {
    InputError::whole(
        "",
        Problem::PartTooBig {
            part: part.into(),
            size: size_or_more(size, MAX_PART_BYTES),
            max: human_bytes(MAX_PART_BYTES),
        },
    )
}

pub(super) fn total_too_big(size: Option<u64>) -> InputError {
    InputError::whole(
        "",
        Problem::UnpacksTooBig {
            size: size_or_more(size, MAX_UNCOMPRESSED_BYTES),
            max: human_bytes(MAX_UNCOMPRESSED_BYTES),
        },
    )
}
