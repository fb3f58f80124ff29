//! The sheet page's view model: every function and role with both sides' levels and notes.

use crate::base::ctx::Ctx;
use crate::base::forms::Errors;
use crate::views::*;
use askama::Template;
use isomm_core::Catalog;
use isomm_core::Lang;
use isomm_core::answers::Answer;
use isomm_core::answers::Side;
use isomm_store::StoredAssessment;

/// One choice of a level on one side.
pub struct Choice {
    /// "" for not answered, "0".."5".
    pub value: String,
    pub label: String,
    pub definition: String,
    pub checked: bool,
}

pub struct SheetSide {
    pub key: &'static str,
    pub name: &'static str,
    pub choices: Vec<Choice>,
    pub definition: String,
}

pub struct SheetRole {
    pub id: String,
    pub name: String,
    pub description: String,
    pub sides: Vec<SheetSide>,
    pub note: String,
    pub expected: &'static str,
    pub error: Option<&'static str>,
    /// At least one side has a level (the "unanswered only" filter hides the card).
    pub answered: bool,
}

pub struct SheetFunction {
    pub id: String,
    /// The name's phrases: the heading wraps between them (`<wbr>`).
    pub phrases: Vec<String>,
    pub roles: Vec<SheetRole>,
}

#[derive(Template)]
#[template(path = "sheet.html")]
pub struct SheetPage {
    pub ctx: Ctx,
    pub id: i64,
    pub organization: String,
    pub respondent: String,
    pub position: String,
    pub functions: Vec<SheetFunction>,
    pub answered: usize,
    pub total: usize,
    pub saved: bool,
    pub has_errors: bool,
    /// How to score: the same advice as the offline sheet's instructions.
    pub advice: &'static [String],
    /// Every level's definition on both sides, a tap away (a phone has no hover).
    pub levels: Vec<LevelRow>,
    /// Every problem of an uploaded sheet, one line each.
    pub upload_error: Vec<String>,
    /// The sheet's path: `/r/{token}` for its respondent, else the assessor's.
    pub base: String,
    /// Reached through the respondent's own link: no way to the assessment, and a submit button.
    pub by_link: bool,
    pub submitted: bool,
    /// The round is closed: the sheet is shown as it stays, nothing of it can change.
    pub closed: bool,
    /// Through the link, the combined results may be seen (submitted, and the assessment shares
    /// them).
    pub shared: bool,
    /// Just submitted (the confirmation).
    pub just_submitted: bool,
    /// The assessment's deadline, when it has one.
    pub deadline: Option<crate::base::words::DeadlineText>,
    /// To an assessor, of a submitted sheet: when and by whom.
    pub submitted_note: Option<String>,
}

impl SheetPage {
    /// The first role of the sheet, where the skip link goes.
    pub fn first_role(&self) -> &str {
        self.functions
            .iter()
            .flat_map(|f| f.roles.iter())
            .map(|r| r.id.as_str())
            .next()
            .unwrap_or_default()
    }
}

/// The definition shown beside a side's choice.
fn definition(catalog: &Catalog, side: Side, level: Option<u8>, lang: Lang, none: &str) -> String {
    match level {
        Some(l) => {
            let d = &catalog.levels()[l as usize];
            let t = if side == Side::Insource {
                &d.insource
            } else {
                &d.outsource
            };
            format!("{l}: {}", t.get(lang))
        }
        None => none.to_string(),
    }
}

impl SheetPage {
    /// The sheet with the given answers (role index → answer as typed) and errors per role id.
    pub fn new(
        catalog: &Catalog,
        ctx: Ctx,
        stored: &StoredAssessment,
        respondent: usize,
        answers: &[Answer],
        errors: &Errors,
        place: &crate::base::links::SheetPlace,
    ) -> SheetPage {
        let lang = ctx.lang;
        let r = &stored.respondents[respondent];
        let current = catalog
            .pattern_index(&stored.fields.current_pattern)
            .unwrap_or(0);
        let functions = catalog
            .functions()
            .iter()
            .map(|f| SheetFunction {
                id: f.id.clone(),
                // A heading: it wraps between phrases.
                phrases: f.name.phrases(lang),
                roles: f
                    .roles
                    .clone()
                    .map(|i| {
                        let role = &catalog.roles()[i];
                        let answer = answers.get(i).cloned().unwrap_or_default();
                        let area = stored
                            .fields
                            .areas
                            .get(&role.id)
                            .copied()
                            .unwrap_or(role.default_area);
                        let expected = isomm_core::rules::expected_side(catalog, current, area);
                        let side = |side: Side, key: &'static str| {
                            let value = answer.side(side).map(|l| l.get());
                            let mut choices = vec![Choice {
                                value: String::new(),
                                label: ctx.w.not_answered.to_string(),
                                definition: ctx.w.choose_level.to_string(),
                                checked: value.is_none(),
                            }];
                            choices.extend((0..=5u8).map(|l| Choice {
                                value: l.to_string(),
                                label: l.to_string(),
                                definition: definition(catalog, side, Some(l), lang, ""),
                                checked: value == Some(l),
                            }));
                            SheetSide {
                                key,
                                name: side.name(lang),
                                choices,
                                definition: definition(
                                    catalog,
                                    side,
                                    value,
                                    lang,
                                    ctx.w.choose_level,
                                ),
                            }
                        };
                        SheetRole {
                            id: role.id.clone(),
                            name: role.name.get(lang).to_string(),
                            description: role.description.get(lang).to_string(),
                            sides: vec![side(Side::Insource, "in"), side(Side::Outsource, "out")],
                            note: answer.note.clone().unwrap_or_default(),
                            expected: expected.name(lang),
                            error: errors.get(&role.id),
                            answered: answer.is_answered(),
                        }
                    })
                    .collect(),
            })
            .collect();
        SheetPage {
            advice: isomm_report::guide::scoring_advice(ctx.lang),
            levels: level_rows(catalog, ctx.lang),
            id: stored.id,
            organization: stored.fields.organization.clone(),
            respondent: r.name.clone(),
            position: r.position.name(lang).to_string(),
            functions,
            answered: answers.iter().filter(|a| a.is_answered()).count(),
            total: catalog.roles().len(),
            saved: false,
            has_errors: !errors.is_empty(),
            upload_error: Vec::new(),
            base: place.base.clone(),
            by_link: place.by_link,
            submitted: place.submitted,
            closed: place.closed,
            shared: place.by_link && place.submitted && place.shared,
            just_submitted: false,
            deadline: None,
            submitted_note: None,
            ctx,
        }
    }
}
