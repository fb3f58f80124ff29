//! The import page's view model.

use crate::base::ctx::Ctx;
use askama::Template;
use isomm_core::Catalog;

pub struct PatternOption {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "import.html")]
pub struct ImportPage {
    pub ctx: Ctx,
    /// Every problem of the uploaded file, one line each.
    pub error: Vec<String>,
    pub patterns: Vec<PatternOption>,
    pub organization: String,
    pub title: String,
    pub date: String,
    pub current_pattern: String,
    pub target_pattern: String,
    pub target_level: String,
}

impl ImportPage {
    pub fn new(catalog: &Catalog, ctx: Ctx) -> ImportPage {
        ImportPage {
            error: Vec::new(),
            patterns: catalog
                .patterns()
                .iter()
                .map(|p| PatternOption {
                    id: p.id.clone(),
                    name: p.name.get(ctx.lang).to_string(),
                })
                .collect(),
            organization: String::new(),
            title: String::new(),
            date: String::new(),
            current_pattern: catalog.default_pattern().id.clone(),
            target_pattern: catalog.default_pattern().id.clone(),
            target_level: "4".into(),
            ctx,
        }
    }
}
