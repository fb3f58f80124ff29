//! The workbook's font: one font in every cell, every chart and the theme, named by the language's
//! messages (`font` in `messages/{ja,en}/xlsx.ftl`), and what the layout must know of it.
//!
//! Excel draws a cell in its format's font, but text a format or a chart does not name is drawn in
//! the theme's fonts: Calibri for Latin letters and, on a Japanese system, ＭＳ Ｐゴシック for
//! Japanese. A chart's text names its Latin font only (rust_xlsxwriter writes `<a:latin>`, never
//! `<a:ea>`), so its Japanese characters would come from the theme. The workbook's theme therefore
//! names the workbook's font too ([`with_theme`]).
//!
//! A font's measures are Excel's on Windows at 11 points: the default row height and column width
//! (which rust_xlsxwriter needs to place charts), the height of a line of wrapped text, the width of
//! a digit. A Japanese font has no italic face: Excel would slant it, so nothing is set in italics.

use std::io::{Cursor, Read, Write};

/// What the workbook knows of a font.
#[derive(Debug, PartialEq)]
pub struct Font {
    /// The family name, as written into the workbook.
    pub name: &'static str,
    /// The font's character set in the workbook's styles (128: Japanese), or 0.
    pub charset: u8,
    /// Whether it draws Japanese: then the theme's East Asian and Japanese fonts are this one.
    pub japanese: bool,
    /// Whether it has an italic face; without one, nothing is set in italics.
    pub italic: bool,
    /// The height of a row of one line, in points; a row of n wrapped lines is n times as tall.
    pub line: f64,
    /// The default row height, in pixels.
    pub row_pixels: u32,
    /// The default column width, in pixels (one of those rust_xlsxwriter knows).
    pub column_pixels: u32,
    /// The width of a digit, in pixels: a column `w` characters wide is `w × digit + 5` pixels.
    pub digit: f64,
}

/// The fonts a language may name, with Excel's measures of each.
pub const KNOWN: [Font; 2] = [
    // Excel's default until 2023: rows of 15 points (20 pixels), columns of 64 pixels.
    Font {
        name: "Calibri",
        charset: 0,
        japanese: false,
        italic: true,
        line: 15.0,
        row_pixels: 20,
        column_pixels: 64,
        digit: 7.0,
    },
    // Excel's default on Japanese Windows since 2016: rows of 18.75 points (25 pixels), columns
    // of 8.38 characters (72 pixels).
    Font {
        name: "Yu Gothic",
        charset: 128,
        japanese: true,
        italic: false,
        line: 18.75,
        row_pixels: 25,
        column_pixels: 72,
        digit: 8.0,
    },
];

/// The font named `name`; Calibri's measures for a name not in [`KNOWN`] (a test asserts that
/// every language names a known font).
pub fn font(name: &str) -> &'static Font {
    KNOWN.iter().find(|f| f.name == name).unwrap_or(&KNOWN[0])
}

/// The theme part of the workbook.
const THEME: &str = "xl/theme/theme1.xml";

/// The workbook `xlsx` (as rust_xlsxwriter writes it) with a theme whose fonts are `font`: its
/// Latin fonts, and for a Japanese font its East Asian and Japanese ones. Every other part is
/// copied as it is, in its order, so the same input still gives the same bytes.
pub fn with_theme(xlsx: &[u8], font: &Font) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(xlsx.len())));
    for i in 0..archive.len() {
        if archive.by_index_raw(i)?.name()? == THEME {
            let mut theme = String::new();
            archive.by_index(i)?.read_to_string(&mut theme)?;
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .last_modified_time(zip::DateTime::default());
            out.start_file(THEME, options)?;
            out.write_all(theme_fonts(&theme, font).as_bytes())?;
        } else {
            out.raw_copy_file(archive.by_index_raw(i)?)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

/// The theme's XML with `font` for its fonts (see [`with_theme`]).
fn theme_fonts(theme: &str, font: &Font) -> String {
    let theme = typefaces(theme, "<a:latin typeface=\"", font.name);
    if !font.japanese {
        return theme;
    }
    let theme = typefaces(&theme, "<a:ea typeface=\"", font.name);
    typefaces(&theme, "<a:font script=\"Jpan\" typeface=\"", font.name)
}

/// `xml` with `name` for the typeface of every element that starts with `open`.
fn typefaces(xml: &str, open: &str, name: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(open) {
        let value = &rest[at + open.len()..];
        let Some(end) = value.find('"') else { break };
        out.push_str(&rest[..at + open.len()]);
        out.push_str(name);
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_font_has_a_width_rust_xlsxwriter_knows() {
        for f in &KNOWN {
            // rust_xlsxwriter's default column metrics: (pixels, digit width).
            let digit = [
                (56, 6),
                (64, 7),
                (72, 8),
                (80, 9),
                (96, 11),
                (104, 12),
                (120, 13),
            ]
            .iter()
            .find(|(pixels, _)| *pixels == f.column_pixels)
            .map(|(_, digit)| f64::from(*digit));
            assert_eq!(digit, Some(f.digit), "{}", f.name);
            assert_eq!(f.japanese, f.charset == 128, "{}", f.name);
            assert!(f.line * 4.0 / 3.0 <= f64::from(f.row_pixels), "{}", f.name);
        }
    }

    #[test]
    fn the_theme_names_the_font_for_latin_and_japanese() {
        let theme = "<a:majorFont><a:latin typeface=\"Cambria\"/><a:ea typeface=\"\"/>\
            <a:font script=\"Jpan\" typeface=\"ＭＳ Ｐゴシック\"/><a:font script=\"Hang\" typeface=\"x\"/>\
            </a:majorFont><a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/>\
            <a:font script=\"Jpan\" typeface=\"ＭＳ Ｐゴシック\"/></a:minorFont>";
        let japanese = theme_fonts(theme, font("Yu Gothic"));
        assert_eq!(
            japanese.matches("typeface=\"Yu Gothic\"").count(),
            6,
            "{japanese}"
        );
        assert!(!japanese.contains("ＭＳ") && !japanese.contains("Calibri"));
        assert!(japanese.contains("<a:font script=\"Hang\" typeface=\"x\"/>"));
        let latin = theme_fonts(theme, font("Calibri"));
        assert_eq!(latin.matches("typeface=\"Calibri\"").count(), 2, "{latin}");
        assert_eq!(latin.matches("ＭＳ Ｐゴシック").count(), 2, "{latin}");
    }
}
