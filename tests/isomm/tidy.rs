//! Tidy checks over the source tree, plain Rust: the rules of the house that a compiler does not
//! check — every source file says what it is (`//!`), the web crate's features import the shared
//! layer and never each other, path values reach handlers only through isomm's own extractor, and
//! no code chooses words by language.

use std::path::{Path, PathBuf};

/// The workspace's root (this package is at the root).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The source trees whose files are checked: the binary, every crate, their tests and benches, and
/// the fuzz targets.
fn source_files() -> Vec<PathBuf> {
    let root = root();
    let mut dirs = vec![root.join("src"), root.join("tests"), root.join("fuzz")];
    for entry in std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .flatten()
    {
        for sub in ["src", "tests", "benches"] {
            dirs.push(entry.path().join(sub));
        }
    }
    dirs.iter().flat_map(|d| rust_files(d)).collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_source_file_says_what_it_is() {
    let files = source_files();
    assert!(files.len() > 100, "the walk found {} files", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| relative(f))
        .collect();
    assert!(
        missing.is_empty(),
        "these files do not start with a `//!` comment saying what they hold: {missing:#?}"
    );
}

/// The web crate's source folder.
fn web_src() -> PathBuf {
    root().join("crates/isomm-web/src")
}

/// The shared layer and the shared view models: everything in the web crate that is not a feature.
const SHARED: &[&str] = &["base", "views"];

/// The web crate's features: each folder of `src/` that is not shared.
fn features() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(web_src())
        .expect("crates/isomm-web/src")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !SHARED.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

/// The modules of the crate a file names (`crate::NAME` anywhere in it, `use` or path).
fn crate_modules_named(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        // `crate::{a, b}` names each of a and b.
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    names.push(name);
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
        }
        // `isomm_core::…` is another crate; only `crate::` counts, and not inside a longer word.
        rest = after;
    }
    names
}

#[test]
fn web_features_import_the_shared_layer_and_never_each_other() {
    let features = features();
    for expected in [
        "accounts",
        "admin",
        "assessments",
        "audit",
        "catalog",
        "home",
        "import",
        "invitations",
        "members",
        "respondents",
        "results",
        "sheet",
    ] {
        assert!(
            features.contains(&expected.to_string()),
            "no feature folder {expected}"
        );
    }
    let mut wrong = Vec::new();
    for file in rust_files(&web_src()) {
        let rel = file.strip_prefix(web_src()).expect("under src");
        let home = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        // lib.rs and routes.rs wire the features together: the only files that may name them all.
        if rel.components().count() == 1 {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        // A feature reaches the crate's root only by name (`crate::…`), where this check sees it.
        if text.contains("super::super") {
            wrong.push(format!("{} reaches up with super::super", relative(&file)));
        }
        for name in crate_modules_named(&text) {
            let is_feature = features.contains(&name);
            let allowed = if SHARED.contains(&home.as_str()) {
                // The shared layer names no feature (views may use base; base never views).
                let base_names_views = home == "base" && name == "views";
                !is_feature && !base_names_views
            } else {
                !is_feature || name == home
            };
            if !allowed {
                wrong.push(format!("{} names crate::{name}", relative(&file)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that go the wrong way: {wrong:#?}"
    );
}

/// The extractors of axum (and serde's errors behind them) that read what a request sends: a
/// rejection of theirs answers in their words, so only `base/forms.rs` (isomm's own extractors) and
/// `base/csrf.rs` (which reads the token out of a multipart form) may use them.
const AXUMS_OWN_READERS: &[&str] = &["Path", "Query", "Form", "Multipart", "RawForm"];

/// The names a file imports from `axum::extract` (`use axum::extract::{A, B}` or
/// `axum::extract::A`) and axum's root (`axum::Form`).
fn axum_extractors_named(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for prefix in ["axum::extract::", "axum::"] {
        let mut rest = text;
        while let Some(at) = rest.find(prefix) {
            let after = &rest[at + prefix.len()..];
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                names.extend(group[..end].split(',').map(|n| n.trim().to_string()));
            } else {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.push(name);
            }
            rest = after;
        }
    }
    names
}

#[test]
fn path_values_reach_handlers_through_isomms_extractor_only() {
    let mut wrong = Vec::new();
    for file in rust_files(&web_src()) {
        if file.ends_with("base/forms.rs") || file.ends_with("base/csrf.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        for name in axum_extractors_named(&text) {
            if AXUMS_OWN_READERS.contains(&name.as_str()) {
                wrong.push(format!("{}: axum's {name}", relative(&file)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "axum's extractors answer in their own words; use base::forms' instead: {wrong:#?}"
    );
}

#[test]
fn the_tidy_checks_find_what_they_look_for() {
    assert_eq!(
        crate_modules_named(
            "use crate::base::http;\nuse crate::{home, sheet::x};\ncrate::audit::f()"
        ),
        vec!["base", "home", "sheet", "audit"]
    );
    assert!(
        crate_modules_named("isomm_core::x; my_crate::y")
            .iter()
            .all(|n| n != "x")
    );
    assert_eq!(
        axum_extractors_named(
            "use axum::extract::{State, Path};\naxum::Form(x); axum::extract::Query::<T>"
        ),
        vec!["State", "Path", "Query", "extract", "Form", "extract"]
    );
}

/// The `[dependencies]` names of a crate's manifest.
fn dependencies(krate: &str) -> Vec<String> {
    let manifest = std::fs::read_to_string(root().join("crates").join(krate).join("Cargo.toml"))
        .expect("the crate's Cargo.toml");
    let mut names = Vec::new();
    let mut inside = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            inside = line.trim() == "[dependencies]";
        } else if inside && let Some((name, _)) = line.split_once('=') {
            {
                let name = name
                    .trim()
                    .split('.')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if !name.is_empty() && !name.starts_with('#') {
                    names.push(name);
                }
            }
        }
    }
    names
}

#[test]
fn the_core_does_no_io_and_sql_lives_in_the_store() {
    let core = dependencies("isomm-core");
    assert!(
        core.contains(&"serde".to_string()),
        "the walk reads dependencies: {core:?}"
    );
    for io in [
        "tokio",
        "sqlx",
        "rusqlite",
        "axum",
        "hyper",
        "getrandom",
        "tempfile",
    ] {
        assert!(!core.iter().any(|d| d == io), "isomm-core depends on {io}");
    }
    let mut wrong = Vec::new();
    for file in rust_files(&root().join("crates/isomm-core/src")) {
        if file.ends_with("tests.rs") {
            continue; // a test module reads its fixtures
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        // What a file's own tests do (after `#[cfg(test)]`) is theirs.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for io in [
            "std::fs",
            "std::net",
            "std::env",
            "SystemTime::now",
            "Instant::now",
            "std::process",
        ] {
            if text.contains(io) {
                wrong.push(format!("{}: {io}", relative(&file)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the core reads no files, clock or environment: {wrong:#?}"
    );
    for krate in ["isomm-core", "isomm-report", "isomm-web"] {
        for sql in ["sqlx", "rusqlite"] {
            assert!(
                !dependencies(krate).iter().any(|d| d == sql),
                "{krate} depends on {sql}: SQL lives in isomm-store"
            );
        }
    }
}

#[test]
fn no_code_chooses_words_or_punctuation_by_language() {
    // Words and punctuation per language are in messages/; code asks for them by key. The one
    // place that names each language is the core's `Lang` (and its message files' table).
    let mut wrong = Vec::new();
    for dir in [
        "crates/isomm-web/src",
        "crates/isomm-report/src",
        "crates/isomm-store/src",
        "src",
    ] {
        for file in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).expect("readable");
            for (n, line) in text.lines().enumerate() {
                if line.contains("Lang::Ja =>") || line.contains("Lang::En =>") {
                    wrong.push(format!("{}:{}: {}", relative(&file), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "choose by message, not by `match lang`: {wrong:#?}"
    );
}

#[test]
fn the_readme_names_the_rust_version_cargo_requires() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("rust-version in Cargo.toml");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(
        readme.contains(&format!("{version} or later")),
        "the README names Rust {version} or later"
    );
}
