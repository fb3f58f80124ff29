//! The view models more than one feature renders: the assessment page ([`assessment`]), the page
//! of new private links ([`links`]) with their messages ([`message`]), pattern cards and level rows. A page only one feature shows keeps its view model in that feature.

use crate::base::ctx::Ctx;
use askama::Template;
pub use assessment::*;
use isomm_core::Catalog;
use isomm_core::Lang;
use isomm_report::chart::PatternDiagram;

pub mod assessment;
pub mod links;
pub mod message;

/// A pattern with its diagram, for pickers and the catalog.
pub struct PatternCard {
    pub id: String,
    pub name: String,
    pub in_house: String,
    pub svg: String,
}

pub fn pattern_cards(catalog: &Catalog, ctx: &Ctx) -> Vec<PatternCard> {
    (0..catalog.patterns().len())
        .map(|i| {
            let p = &catalog.patterns()[i];
            PatternCard {
                id: p.id.clone(),
                name: p.name.get(ctx.lang).to_string(),
                in_house: p
                    .insourced_areas
                    .iter()
                    .map(|a| a.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                svg: PatternDiagram::new(catalog, i, None, ctx.lang)
                    .render()
                    .unwrap_or_default(),
            }
        })
        .collect()
}

pub fn pattern_name(catalog: &Catalog, id: &str, lang: Lang) -> String {
    catalog.pattern_index(id).map_or_else(
        || id.to_string(),
        |i| catalog.patterns()[i].name.get(lang).to_string(),
    )
}

pub fn level_rows(catalog: &Catalog, lang: Lang) -> Vec<LevelRow> {
    catalog
        .levels()
        .iter()
        .enumerate()
        .map(|(level, d)| LevelRow {
            level,
            insource: d.insource.get(lang).to_string(),
            outsource: d.outsource.get(lang).to_string(),
        })
        .collect()
}

pub const TARGET_LEVELS: [&str; 5] = ["1", "2", "3", "4", "5"];

pub const AREAS: [&str; 4] = ["I", "II", "III", "IV"];

pub struct LevelRow {
    pub level: usize,
    pub insource: String,
    pub outsource: String,
}
