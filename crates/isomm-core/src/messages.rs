//! Message files (Fluent) read into typed word structs: each crate keeps a struct with one field
//! per message (so a word that is missing is a failed test, not a blank on a page) and fills it from
//! its file under `messages/{lang}/` with [`Messages`], once per language.
//!
//! Nothing here fails: a message that is missing shows its key and is recorded in
//! [`Messages::problems`], which each crate's test requires to be empty.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::Lang;

/// One message file of every language: each crate's words come from one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    Core,
    Input,
    Workbook,
    Web,
    Errors,
    Report,
    Plan,
    Guide,
    Template,
    Xlsx,
    Cli,
    Compare,
}

/// Every message file of one language, in the order of [`File`], compiled into the binary.
macro_rules! language {
    ($dir:literal) => {
        [
            include_str!(concat!("../../../messages/", $dir, "/core.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/input.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/workbook.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/web.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/errors.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/report.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/plan.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/guide.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/template.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/xlsx.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/cli.ftl")),
            include_str!(concat!("../../../messages/", $dir, "/compare.ftl")),
        ]
    };
}

/// The message files of every language, in the order of [`Lang::ALL`]: adding a language is its
/// directory under `messages/`, its line here and its entry in [`Lang`] — no other code.
const FILES: [[&str; 12]; Lang::ALL.len()] = [language!("ja"), language!("en")];

/// The text of a message file in `lang`.
pub fn file(lang: Lang, file: File) -> &'static str {
    FILES[lang.index()][file as usize]
}

/// The messages of one file in one language, while a word struct is filled from them.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// Keys asked for, in order.
    pub asked: Vec<&'static str>,
    /// Syntax errors of the file, missing keys and formatting errors.
    pub problems: Vec<String>,
}

impl Messages {
    /// The messages of `source` (a message file's text) in `lang`.
    pub fn new(lang: Lang, source: &str) -> Messages {
        let mut problems = Vec::new();
        let resource =
            FluentResource::try_new(source.to_string()).unwrap_or_else(|(resource, errors)| {
                problems.extend(errors.iter().map(|e| format!("syntax: {e:?}")));
                resource
            });
        let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around arguments: every text here runs left to right.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            problems.extend(errors.iter().map(|e| format!("{e:?}")));
        }
        Messages {
            lang,
            bundle,
            asked: Vec::new(),
            problems,
        }
    }

    /// The language of these messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `key`, kept for the life of the process (each is read once, into a struct).
    pub fn get(&mut self, key: &'static str) -> &'static str {
        let text = self.format(key, &[]);
        Box::leak(text.into_boxed_str())
    }

    /// The message of a word struct's field ([`crate::words!`]): `prefix`, then the field's name
    /// with `-` for `_` (`nav_home` reads `nav-home`).
    pub fn word(&mut self, prefix: &str, field: &str) -> &'static str {
        let key: &'static str =
            Box::leak(format!("{prefix}{}", field.replace('_', "-")).into_boxed_str());
        self.get(key)
    }

    /// The message `key` with its arguments (`$name` in the message, text here: numbers, limits and
    /// file names are formatted by the caller, once).
    pub fn format(&mut self, key: &'static str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            // A whole number is a number to Fluent, so that a message chooses its words by the
            // language's plural rules (`{ $count -> [one] … *[other] … }`); it reads back the same
            // ("7", "-2"). Anything else (decimals as shown, "007", names) stays text.
            match integer(value) {
                Some(n) => fluent_args.set(*name, n),
                None => fluent_args.set(*name, value.to_string()),
            }
        }
        let args = (!args.is_empty()).then_some(&fluent_args);
        // Kept once each: messages rendered at run time (input problems) ask again and again.
        if !self.asked.contains(&key) {
            self.asked.push(key);
        }
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            self.note(format!("missing: {key}"));
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        for e in &errors {
            self.note(format!("{key}: {e:?}"));
        }
        text
    }

    fn note(&mut self, problem: String) {
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    /// The keys `source` defines that were never asked for: words no one shows any more.
    pub fn unused<'s>(&self, source: &'s str) -> Vec<&'s str> {
        source
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| !self.asked.contains(k))
            .collect()
    }
}

/// The keys a message file defines more than once: the later one silently replaces the earlier.
pub fn twice(source: &str) -> Vec<&str> {
    let mut seen = std::collections::BTreeSet::new();
    source
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .filter(|k| !seen.insert(*k))
        .collect()
}

/// A word struct per language, filled from its message file the first time it is asked for and
/// kept for the life of the process.
pub struct PerLang<T>([std::sync::OnceLock<T>; Lang::ALL.len()]);

impl<T> PerLang<T> {
    #[allow(clippy::new_without_default)] // used in statics, where only a const fn will do
    pub const fn new() -> PerLang<T> {
        PerLang([const { std::sync::OnceLock::new() }; Lang::ALL.len()])
    }

    /// The words of `lang`: `fill` reads them from `source(lang)` once.
    pub fn get(
        &self,
        lang: Lang,
        source: fn(Lang) -> &'static str,
        fill: fn(&mut Messages) -> T,
    ) -> &T {
        self.0[lang.index()].get_or_init(|| fill(&mut Messages::new(lang, source(lang))))
    }
}

/// Messages formatted when they are needed, with their arguments (errors, the command line's
/// words): each file read once per language and kept for the life of the process.
pub struct Live(PerLang<std::sync::Mutex<Messages>>);

impl Live {
    #[allow(clippy::new_without_default)] // used in statics, where only a const fn will do
    pub const fn new() -> Live {
        Live(PerLang::new())
    }

    /// The message `key` of `source(lang)` with its arguments.
    pub fn format(
        &self,
        lang: Lang,
        source: fn(Lang) -> &'static str,
        key: &'static str,
        args: &[(&str, &str)],
    ) -> String {
        let messages = self.0.get(lang, source, |m| {
            std::sync::Mutex::new(std::mem::replace(m, Messages::new(Lang::En, "")))
        });
        let mut messages = messages.lock().unwrap_or_else(|e| e.into_inner());
        messages.format(key, args)
    }
}

/// What is wrong with a word struct's message files, in every language: syntax errors, messages a
/// field asks for and the file lacks, messages no field reads. Each crate's test requires none.
pub fn problems<T>(source: fn(Lang) -> &'static str, fill: fn(&mut Messages) -> T) -> Vec<String> {
    let mut found = Vec::new();
    for lang in Lang::ALL {
        let mut m = Messages::new(lang, source(lang));
        let _ = fill(&mut m);
        found.extend(m.problems.iter().map(|p| format!("{}: {p}", lang.code())));
        found.extend(
            m.unused(source(lang))
                .iter()
                .map(|k| format!("{}: unused: {k}", lang.code())),
        );
        found.extend(
            twice(source(lang))
                .iter()
                .map(|k| format!("{}: defined twice (the second wins): {k}", lang.code())),
        );
    }
    found
}

/// The model's own words: positions, sides, areas (`messages/{ja,en}/core.ftl`).
pub struct CoreWords {
    /// In the order of [`crate::answers::Position::ALL`].
    pub positions: [&'static str; 4],
    /// Insource, outsource.
    pub sides: [&'static str; 2],
    /// Areas I–IV.
    pub areas: [&'static str; 4],
    /// A plan item's statuses, in the order of [`crate::items::ItemStatus::ALL`].
    pub statuses: [&'static str; 5],
}

/// The message file of the core's words in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    file(lang, File::Core)
}

fn fill(m: &mut Messages) -> CoreWords {
    CoreWords {
        positions: [
            m.get("position-manager"),
            m.get("position-leader"),
            m.get("position-staff"),
            m.get("position-other"),
        ],
        sides: [m.get("side-insource"), m.get("side-outsource")],
        areas: [
            m.get("area-i"),
            m.get("area-ii"),
            m.get("area-iii"),
            m.get("area-iv"),
        ],
        statuses: [
            m.get("status-todo"),
            m.get("status-in-progress"),
            m.get("status-done"),
            m.get("status-on-hold"),
            m.get("status-wont-do"),
        ],
    }
}

/// The core's words in `lang`, read the first time they are asked for.
pub fn core_words(lang: Lang) -> &'static CoreWords {
    static WORDS: PerLang<CoreWords> = PerLang::new();
    WORDS.get(lang, source, fill)
}

/// `text` as a whole number when it is written the way Rust writes one (no sign but `-`, no leading
/// zero, no separators): such a number formats back to the same text.
fn integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    plain.then(|| text.parse().ok()).flatten()
}

/// A struct of words, one `&'static str` field per message of a file, and its `read` that fills
/// each field from the message named after it (`nav_home` from `nav-home`, after an optional
/// `prefix`): a word is written once in its message file and named once in Rust. A field with a
/// count (`steps[6]`) is a list, read from the messages numbered from 1 (`steps-1` … `steps-6`).
///
/// ```
/// isomm_core::words! {
///     /// The words of a page.
///     pub struct PageWords prefix "page-" {
///         /// Its heading.
///         heading,
///         intro,
///         /// Three tips, `page-tips-1` to `page-tips-3`.
///         tips[3],
///     }
/// }
/// ```
#[macro_export]
macro_rules! words {
    (@type) => { &'static str };
    (@type $n:literal) => { [&'static str; $n] };
    (@read $m:ident, $prefix:ident, $field:ident) => {
        $m.word($prefix, stringify!($field))
    };
    (@read $m:ident, $prefix:ident, $field:ident $n:literal) => {
        ::std::array::from_fn::<&'static str, $n, _>(|i| {
            $m.word($prefix, &format!("{}_{}", stringify!($field), i + 1))
        })
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident $(prefix $prefix:literal)? {
            $( $(#[$field_meta:meta])* $field:ident $([$n:literal])? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$field_meta])* pub $field: $crate::words!(@type $($n)?), )*
        }

        impl $name {
            /// Every field from its message in `m`.
            pub fn read(m: &mut $crate::messages::Messages) -> $name {
                let prefix = concat!("" $(, $prefix)?);
                $name {
                    $( $field: $crate::words!(@read m, prefix, $field $($n)?), )*
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {

    #[test]
    fn no_message_file_defines_a_key_twice() {
        for lang in Lang::ALL {
            for (i, source) in FILES[lang.index()].iter().enumerate() {
                assert_eq!(
                    twice(source),
                    Vec::<&str>::new(),
                    "{}: message file {i} (in the order of File)",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn whole_numbers_choose_words_by_the_languages_plural_rules() {
        let source =
            "n = { $count } { $count ->\n        [one] line\n       *[other] lines\n    }\n";
        let mut m = Messages::new(Lang::En, source);
        assert_eq!(m.format("n", &[("count", "1")]), "1 line");
        assert_eq!(m.format("n", &[("count", "2")]), "2 lines");
        assert_eq!(m.format("n", &[("count", "0")]), "0 lines");
        assert_eq!(m.format("n", &[("count", "12345678")]), "12345678 lines");
        // Text that is not a plain whole number stays text, written as given.
        assert_eq!(m.format("n", &[("count", "1.0")]), "1.0 lines");
        assert_eq!(m.format("n", &[("count", "007")]), "007 lines");
        for (text, number) in [
            ("7", Some(7)),
            ("-2", Some(-2)),
            ("0", Some(0)),
            ("+3", None),
            ("07", None),
            ("3.1", None),
            ("", None),
            ("1,000", None),
        ] {
            assert_eq!(integer(text), number, "{text:?}");
        }
    }
    use super::*;

    /// Every file under `messages/` is compiled in (none forgotten), and `messages/` holds a
    /// directory for every language and no other.
    #[test]
    fn every_message_file_is_compiled_in() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../messages");
        let mut dirs: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        dirs.sort();
        let mut codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        codes.sort();
        assert_eq!(dirs, codes);
        for lang in Lang::ALL {
            let on_disk: Vec<String> = std::fs::read_dir(root.join(lang.code()))
                .unwrap()
                .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                .collect();
            let compiled = &FILES[lang.index()];
            assert_eq!(on_disk.len(), compiled.len(), "{}", lang.code());
            for text in &on_disk {
                assert!(
                    compiled.contains(&text.as_str()),
                    "{}: a file not compiled in",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn every_core_word_is_in_every_language() {
        assert_eq!(problems(source, fill), Vec::<String>::new());
        assert_eq!(core_words(Lang::Ja).positions[2], "担当者");
    }

    #[test]
    fn arguments_and_missing_messages() {
        let mut m = Messages::new(Lang::En, "greet = Hello { $name }\nplain = {\" kept \"}\n");
        assert_eq!(m.format("greet", &[("name", "Sato")]), "Hello Sato");
        assert_eq!(m.get("plain"), " kept ", "a string literal keeps its edges");
        assert_eq!(m.get("absent"), "absent", "a missing message shows its key");
        assert_eq!(m.problems, ["missing: absent"]);
        let broken = Messages::new(Lang::Ja, "= no key\n");
        assert!(!broken.problems.is_empty(), "a syntax error is recorded");
        // The check every crate runs finds a missing and an unused message.
        let found = problems(
            |_| "used = u\nstale = s\n",
            |m| (m.get("used"), m.get("missing")),
        );
        assert!(
            found.contains(&"ja: missing: missing".to_string())
                && found.contains(&"en: unused: stale".to_string()),
            "{found:?}"
        );
    }
}
