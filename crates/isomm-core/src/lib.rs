//! The ISOMM model as data and rules: the catalog, the answers of an assessment and the scoring rules R1–R12.
//!
//! Architecture invariant: this crate does no I/O (no files, no network, no clock) and scoring
//! cannot fail. Everything that can be wrong with input is caught when the input is parsed into the
//! types of [`answers`], which cannot hold an invalid value.

pub mod answers;
pub mod audience;
pub mod catalog;
pub mod compare;
pub mod doc;
pub mod items;
pub mod limits;
pub mod messages;
pub mod plan;
pub mod problem;
pub mod roster;
pub mod rounding;
pub mod rules;
pub mod shared;
pub mod tendency;
pub mod workbook;
mod xlsx_guard;
pub mod zone;

pub use answers::{Answer, Assessment, Level, Position, Respondent, Side, TargetLevel};
pub use audience::Audience;
pub use catalog::{Area, Catalog};
pub use doc::TextFormat;
pub use limits::Limits;
pub use plan::PlanOptions;
pub use problem::{InputError, InputErrors, Place, Problem};
pub use rules::{Evaluation, evaluate};

use serde::Serialize;

/// The language of human-readable output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// Every language isomm speaks, in the order of [`Lang::index`].
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The position of this language in [`Lang::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in Japanese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub ja: String,
    pub en: String,
    /// Optional: the Japanese text cut into phrases (文節), the places where a name may break across
    /// lines in a heading or a chart label. Empty when the model gives none; together they are `ja`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ja_phrases: Vec<String>,
}

/// Marks a place where a line may break inside a name (U+200B ZERO WIDTH SPACE): browsers, typst
/// and [`Text::phrased`]'s readers break there, and nowhere else inside a phrase.
pub const PHRASE_BREAK: char = '\u{200B}';

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang` cut into the phrases a line may break between: Japanese as the model
    /// gives them, else the whole text as one phrase (English breaks between words on its own).
    /// Layouts put a break opportunity of their own between them (`<wbr>` in HTML, boxes in typst):
    /// no zero-width character reaches a text layer.
    pub fn phrases(&self, lang: Lang) -> Vec<String> {
        match lang {
            Lang::Ja if !self.ja_phrases.is_empty() => self.ja_phrases.clone(),
            _ => vec![self.get(lang).to_string()],
        }
    }

    /// The text in `lang` with [`PHRASE_BREAK`] between its phrases, for chart labels (which
    /// strip it after wrapping):
    /// Japanese breaks between phrases only (where the model gives them), English between words.
    pub fn phrased(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        match lang {
            Lang::Ja if !self.ja_phrases.is_empty() => {
                std::borrow::Cow::Owned(self.ja_phrases.join(&PHRASE_BREAK.to_string()))
            }
            _ => std::borrow::Cow::Borrowed(self.get(lang)),
        }
    }
}
