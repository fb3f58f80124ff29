//! The catalog: ISOMM's functions, roles, levels and organisation patterns, to know the whole before
//! answering.

use crate::base::AppState;
use crate::base::ctx::Ctx;
use crate::base::error::Result;
use crate::base::prelude::*;
use crate::views::*;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use isomm_core::Area;
use isomm_core::Catalog;

pub async fn catalog(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>> {
    page(CatalogPage::new(&state.catalog, ctx))
}

pub struct CatalogRole {
    pub id: String,
    pub name: String,
    pub description: String,
    pub area: &'static str,
}

pub struct CatalogFunction {
    pub id: String,
    pub name: String,
    pub roles: Vec<CatalogRole>,
}

#[derive(Template)]
#[template(path = "catalog.html")]
pub struct CatalogPage {
    pub ctx: Ctx,
    pub functions: Vec<CatalogFunction>,
    pub levels: Vec<LevelRow>,
    pub patterns: Vec<PatternCard>,
    pub areas: Vec<(&'static str, &'static str)>,
}

impl CatalogPage {
    pub fn new(catalog: &Catalog, ctx: Ctx) -> CatalogPage {
        let lang = ctx.lang;
        CatalogPage {
            functions: catalog
                .functions()
                .iter()
                .map(|f| CatalogFunction {
                    id: f.id.clone(),
                    name: f.name.get(lang).to_string(),
                    roles: catalog.roles()[f.roles.clone()]
                        .iter()
                        .map(|r| CatalogRole {
                            id: r.id.clone(),
                            name: r.name.get(lang).to_string(),
                            description: r.description.get(lang).to_string(),
                            area: r.default_area.as_str(),
                        })
                        .collect(),
                })
                .collect(),
            levels: level_rows(catalog, lang),
            patterns: pattern_cards(catalog, &ctx),
            areas: Area::ALL
                .iter()
                .map(|a| (a.as_str(), a.name(lang)))
                .collect(),
            ctx,
        }
    }
}
