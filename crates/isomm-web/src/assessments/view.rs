//! The assessment form's view model (new and edit).

use crate::base::ctx::Ctx;
use crate::base::forms::AssessmentInput;
use crate::base::forms::Errors;
use crate::views::*;
use askama::Template;
use isomm_core::Catalog;

pub struct AreaRow {
    pub id: String,
    pub name: String,
    pub default_area: &'static str,
    pub chosen: String,
}

#[derive(Template)]
#[template(path = "assessment_form.html")]
pub struct AssessmentFormPage {
    pub ctx: Ctx,
    /// The assessment being edited; None for a new one.
    pub editing: Option<i64>,
    pub input: AssessmentInput,
    pub errors: Errors,
    pub patterns: Vec<PatternCard>,
    pub rows: Vec<AreaRow>,
    /// What the deadline means, naming the workspace's time zone.
    pub deadline_help: String,
}

impl AssessmentFormPage {
    pub fn new(
        catalog: &Catalog,
        ctx: Ctx,
        editing: Option<i64>,
        input: AssessmentInput,
        errors: Errors,
        zone: &isomm_core::zone::Zone,
    ) -> AssessmentFormPage {
        let rows = catalog
            .roles()
            .iter()
            .map(|r| AreaRow {
                id: r.id.clone(),
                name: r.name.get(ctx.lang).to_string(),
                default_area: r.default_area.as_str(),
                chosen: input
                    .areas
                    .get(&r.id)
                    .cloned()
                    .unwrap_or_else(|| r.default_area.as_str().to_string()),
            })
            .collect();
        AssessmentFormPage {
            deadline_help: crate::base::words::say(
                ctx.lang,
                "deadline-help",
                &[("zone", zone.name())],
            ),
            patterns: pattern_cards(catalog, &ctx),
            ctx,
            editing,
            input,
            errors,
            rows,
        }
    }

    pub fn pattern_fields(&self) -> [(&'static str, &'static str); 2] {
        [
            ("current_pattern", self.ctx.w.current_pattern),
            ("target_pattern", self.ctx.w.target_pattern),
        ]
    }

    pub fn chosen_pattern(&self, field: &str) -> &str {
        if field == "current_pattern" {
            &self.input.current_pattern
        } else {
            &self.input.target_pattern
        }
    }

    pub fn area_error(&self, role: &str) -> Option<&'static str> {
        self.errors.get(&format!("area.{role}"))
    }

    pub fn has_area_errors(&self) -> bool {
        self.errors.0.keys().any(|k| k.starts_with("area."))
    }

    pub fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/assessments/{id}/edit"),
            None => "/assessments".to_string(),
        }
    }
}
