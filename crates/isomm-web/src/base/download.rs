//! Downloads: the file name people read (and its ASCII fallback) and the response that carries a
//! file.

use axum::http::HeaderValue;
use axum::http::header::CONTENT_DISPOSITION;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::response::Response;

/// The name a downloaded file gets: the one people read (their organisation's name and what the
/// file is, in their language) and a plain ASCII name for the clients that do not read RFC 6266's
/// `filename*`.
pub struct FileName {
    pub readable: String,
    pub ascii: String,
}

/// The longest readable file name, in characters (before the extension).
pub const FILE_NAME_CHARS: usize = 100;

impl FileName {
    /// `parts` (empty ones left out) joined by spaces, made safe for every file system: the
    /// characters Windows, macOS or Linux refuse or give a meaning (`/ \ : * ? " < > |`, control
    /// characters) become spaces, runs of spaces one, no dot or space at either end.
    pub fn new(parts: &[&str], ascii_stem: String, extension: &str) -> FileName {
        let joined = parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let safe: String = joined
            .chars()
            .map(|c| {
                if isomm_core::limits::unsafe_char(c) || "/\\:*?\"<>|".contains(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let stem: String = safe
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(FILE_NAME_CHARS)
            .collect();
        let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
        let ascii = format!("{ascii_stem}.{extension}");
        FileName {
            readable: if stem.is_empty() {
                ascii.clone()
            } else {
                format!("{stem}.{extension}")
            },
            ascii,
        }
    }

    /// `attachment; filename="ASCII"; filename*=UTF-8''READABLE` (RFC 6266, RFC 8187).
    pub fn disposition(&self) -> HeaderValue {
        self.with_kind("attachment")
    }

    /// The same names for a file the browser shows rather than saves (`inline`).
    pub fn inline(&self) -> HeaderValue {
        self.with_kind("inline")
    }

    fn with_kind(&self, kind: &'static str) -> HeaderValue {
        // RFC 8187's attr-char: letters, digits and `!#$&+-.^_`|~`; everything else encoded.
        const ATTR_CHAR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'!')
            .remove(b'#')
            .remove(b'$')
            .remove(b'&')
            .remove(b'+')
            .remove(b'-')
            .remove(b'.')
            .remove(b'^')
            .remove(b'_')
            .remove(b'`')
            .remove(b'|')
            .remove(b'~');
        let encoded = percent_encoding::utf8_percent_encode(&self.readable, ATTR_CHAR);
        HeaderValue::from_str(&format!(
            "{kind}; filename=\"{}\"; filename*=UTF-8''{encoded}",
            self.ascii
        ))
        .unwrap_or(HeaderValue::from_static(kind))
    }
}

/// A download of the result: its bytes, type and file name.
pub fn download(bytes: axum::body::Bytes, content_type: &'static str, name: &FileName) -> Response {
    let disposition = name.disposition();
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[cfg(test)]
mod tests {
    use super::FileName;

    /// Names people read, safe on every file system; the ASCII name when nothing is left.
    #[test]
    fn file_names_keep_what_people_read_and_drop_what_file_systems_refuse() {
        for (parts, readable) in [
            (
                &["みなと SOC", "2026年度", "結果"][..],
                "みなと SOC 2026年度 結果.pdf",
            ),
            (&["A/B: C*?", "", "  report "], "A B C report.pdf"),
            (&["..hidden.", "x"], "hidden. x.pdf"),
            (&["tab\there\nnewline"], "tab here newline.pdf"),
            // A direction override would make `fdp.exe` read as `exe.pdf`.
            (
                &["report\u{202E}fdp.exe", "x\u{2066}y"],
                "report fdp.exe x y.pdf",
            ),
            (&["<>|\\\""], "isomm-report-7.pdf"),
            (&[], "isomm-report-7.pdf"),
        ] {
            let name = FileName::new(parts, "isomm-report-7".into(), "pdf");
            assert_eq!(name.readable, readable, "{parts:?}");
            assert_eq!(name.ascii, "isomm-report-7.pdf");
        }
        let long = "長".repeat(300);
        let name = FileName::new(&[long.as_str()], "x".into(), "csv");
        assert_eq!(name.readable.chars().count(), super::FILE_NAME_CHARS + 4);
        let header = name.disposition();
        let header = header.to_str().unwrap();
        assert!(header.starts_with("attachment; filename=\"x.csv\"; filename*=UTF-8''%E9%95%B7"));
        assert!(header.is_ascii());
    }
}
