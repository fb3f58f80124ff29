//! Blank check sheets to fill offline (`isomm template`) and the readable catalog listing
//! (`isomm catalog --format text`).

use std::io::{self, Write};

use isomm_core::answers::CSV_COLUMNS;
use isomm_core::{Catalog, Lang};

/// Values to pre-fill in a blank sheet.
#[derive(Clone, Debug, Default)]
pub struct SheetOptions {
    pub organization: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub current_pattern: Option<String>,
    pub target_pattern: Option<String>,
    pub target_level: Option<u8>,
    pub respondent: Option<String>,
    pub position: Option<String>,
    /// Role → area overrides as (role id, area) pairs.
    pub areas: Vec<(String, String)>,
}

/// A TOML (and JSON) string literal.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

struct Words {
    header: &'static str,
    run: &'static str,
    levels: &'static str,
    both: &'static str,
    unsure: &'static str,
    organization: &'static str,
    title: &'static str,
    name: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ja => Words {
            header: "ISOMM セキュリティ対応組織 成熟度セルフチェックシート",
            run: "記入したら結果を表示: isomm report このファイル",
            levels: "レベルの付け方（インソース ／ アウトソース）",
            both: "インソースとアウトソースの両方で実施している役割は、両方に点を付けてください（高い方が使われます）。",
            unsure: "わからない場合や、何もしていない場合は 1。検討した結果実施しないと決めた場合は 0（対象外）。未回答は 1 として計算します。",
            organization: "組織名",
            title: "タイトル（例: 2026年度 セルフチェック）",
            name: "回答者の名前",
        },
        Lang::En => Words {
            header: "ISOMM security operations maturity self-check sheet",
            run: "When filled in, see the results with: isomm report THIS-FILE",
            levels: "Levels (insource / outsource)",
            both: "When a role is done both in-house and by a provider, score both sides (the higher one counts).",
            unsure: "When unsure, or when nothing is done, choose 1. Choose 0 when it was considered and decided against (not applicable). Unanswered roles count as 1.",
            organization: "organisation name",
            title: "title, such as \"FY2026 self-check\"",
            name: "respondent's name",
        },
    }
}

/// A blank `isomm-answers/1` file in TOML, every role listed with its name as a comment.
pub fn write_toml_template<W: Write>(
    out: &mut W,
    catalog: &Catalog,
    lang: Lang,
    o: &SheetOptions,
) -> io::Result<()> {
    let w = words(lang);
    let patterns: Vec<&str> = catalog.patterns().iter().map(|p| p.id.as_str()).collect();
    let default_pattern = patterns.get(1).or(patterns.first()).copied().unwrap_or("");
    writeln!(out, "# {} ({})", w.header, catalog.model())?;
    writeln!(out, "# {}", w.run)?;
    writeln!(out, "#")?;
    writeln!(out, "# {}", w.levels)?;
    for (level, d) in catalog.levels().iter().enumerate() {
        writeln!(
            out,
            "#   {level}: {} ／ {}",
            d.insource.get(lang),
            d.outsource.get(lang)
        )?;
    }
    writeln!(out, "# {}", w.both)?;
    writeln!(out, "# {}", w.unsure)?;
    writeln!(out)?;
    writeln!(out, "format = \"isomm-answers/1\"")?;
    writeln!(out, "model = {}", quoted(catalog.model()))?;
    writeln!(
        out,
        "organization = {}  # {}",
        quoted(o.organization.as_deref().unwrap_or("")),
        w.organization
    )?;
    writeln!(
        out,
        "title = {}  # {}",
        quoted(o.title.as_deref().unwrap_or("")),
        w.title
    )?;
    match &o.date {
        Some(d) => writeln!(out, "date = {}", quoted(d))?,
        None => writeln!(out, "# date = \"YYYY-MM-DD\"")?,
    }
    let pattern_help = patterns.join(" | ");
    writeln!(
        out,
        "current_pattern = {}  # {pattern_help}",
        quoted(o.current_pattern.as_deref().unwrap_or(default_pattern))
    )?;
    writeln!(
        out,
        "target_pattern = {}  # {pattern_help}",
        quoted(o.target_pattern.as_deref().unwrap_or(default_pattern))
    )?;
    writeln!(
        out,
        "target_level = {}  # 1..5",
        o.target_level.unwrap_or(4)
    )?;
    writeln!(out)?;
    if o.areas.is_empty() {
        writeln!(
            out,
            "# [areas]  # role → area overrides: \"B-1\" = \"II\"  (I | II | III | IV)"
        )?;
    } else {
        writeln!(out, "[areas]  # I | II | III | IV")?;
        for (role, area) in &o.areas {
            writeln!(out, "{} = {}", quoted(role), quoted(area))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "[[respondents]]")?;
    writeln!(
        out,
        "name = {}  # {}",
        quoted(o.respondent.as_deref().unwrap_or("")),
        w.name
    )?;
    writeln!(
        out,
        "position = {}  # manager | leader | staff | other",
        quoted(o.position.as_deref().unwrap_or("staff"))
    )?;
    writeln!(out)?;
    writeln!(out, "[respondents.answers]")?;
    writeln!(
        out,
        "# \"A-1\" = {{ insource = 3, outsource = 2, note = \"…\" }}"
    )?;
    for f in catalog.functions() {
        writeln!(out)?;
        writeln!(out, "# {}. {}", f.id, f.name.get(lang))?;
        for role in &catalog.roles()[f.roles.clone()] {
            let key = quoted(&role.id);
            let pad = " ".repeat(6usize.saturating_sub(key.len()));
            writeln!(out, "{key}{pad} = {{}}  # {}", role.name.get(lang))?;
        }
    }
    Ok(())
}

/// A blank CSV sheet: one row per role; the `function` and `name` columns are ignored when read back.
pub fn write_csv_template<W: Write>(
    out: &mut W,
    catalog: &Catalog,
    lang: Lang,
    o: &SheetOptions,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
    header.extend(["function", "name"]);
    w.write_record(&header)?;
    for role in catalog.roles() {
        let f = &catalog.functions()[role.function];
        w.write_record([
            o.respondent.as_deref().unwrap_or(""),
            o.position.as_deref().unwrap_or(""),
            &role.id,
            "",
            "",
            "",
            &format!("{}. {}", f.id, f.name.get(lang)),
            role.name.get(lang),
        ])?;
    }
    w.flush()
}

/// The catalog as a readable listing.
pub fn write_catalog_text<W: Write>(out: &mut W, catalog: &Catalog, lang: Lang) -> io::Result<()> {
    let (levels, patterns, in_house) = match lang {
        Lang::Ja => (
            "レベル（インソース ／ アウトソース）",
            "組織パターン",
            "自組織で実施する領域",
        ),
        Lang::En => (
            "Levels (insource / outsource)",
            "Organisation patterns",
            "areas done in-house",
        ),
    };
    writeln!(
        out,
        "{} — {} functions, {} roles",
        catalog.model(),
        catalog.functions().len(),
        catalog.roles().len()
    )?;
    for f in catalog.functions() {
        writeln!(out)?;
        writeln!(out, "{}. {}", f.id, f.name.get(lang))?;
        for role in &catalog.roles()[f.roles.clone()] {
            writeln!(
                out,
                "  {:<5} {}  [{}]",
                role.id,
                role.name.get(lang),
                role.default_area.as_str()
            )?;
            writeln!(out, "        {}", role.description.get(lang))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{levels}")?;
    for (level, d) in catalog.levels().iter().enumerate() {
        writeln!(
            out,
            "  {level}  {} ／ {}",
            d.insource.get(lang),
            d.outsource.get(lang)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{patterns}")?;
    for p in catalog.patterns() {
        let areas: Vec<&str> = p.insourced_areas.iter().map(|a| a.as_str()).collect();
        writeln!(
            out,
            "  {:<18} {}  ({in_house}: {})",
            p.id,
            p.name.get(lang),
            areas.join(", ")
        )?;
    }
    Ok(())
}
