//! The sheet page's view model: every function and role with both sides' levels and notes.

use crate::base::ctx::Ctx;
use crate::base::forms::Errors;
use crate::views::*;
use askama::Template;
use isomm_core::Catalog;
use isomm_core::Lang;
use isomm_core::answers::Answer;
use isomm_core::answers::Side;
use isomm_store::Draft;
use isomm_store::DraftState;
use isomm_store::StoredAssessment;

/// One choice of a level on one side.
pub struct Choice {
    /// "" for not answered, "0".."5".
    pub value: String,
    pub label: String,
    pub definition: String,
    pub checked: bool,
    /// The level of the respondent's draft (前回値) on this side.
    pub previous: bool,
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
    /// The respondent's earlier answer, offered as a draft.
    pub draft: Option<RoleDraft>,
}

/// A role's draft (前回値) as the sheet shows it beside the role.
pub struct RoleDraft {
    /// The levels as shown: "3", or the word for none.
    pub insource: String,
    pub outsource: String,
    pub note: Option<String>,
    pub state: DraftState,
    pub state_word: &'static str,
}

/// A draft's state as a machine word (a class, `data-draft`) and as the sheet says it.
pub fn draft_state_words(
    state: DraftState,
    w: &crate::base::words::Words,
) -> (&'static str, &'static str) {
    let word = match state {
        DraftState::Pending => w.sheet_draft_pending,
        DraftState::Kept => w.sheet_draft_kept,
        DraftState::Changed => w.sheet_draft_changed,
        DraftState::Cleared => w.sheet_draft_cleared,
    };
    (state.as_str(), word)
}

impl RoleDraft {
    pub fn pending(&self) -> bool {
        self.state == DraftState::Pending
    }
    pub fn kept(&self) -> bool {
        self.state == DraftState::Kept
    }
    pub fn cleared(&self) -> bool {
        self.state == DraftState::Cleared
    }
    /// The draft's level on a side (`in`, `out`), as shown.
    pub fn shown(&self, side: &str) -> &str {
        if side == "in" {
            &self.insource
        } else {
            &self.outsource
        }
    }
    /// The state as a class and a machine word (`data-draft`).
    pub fn key(&self) -> &'static str {
        self.state.as_str()
    }
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
    /// The sheet has drafts (its round was started from the last one).
    pub has_drafts: bool,
    /// Drafts neither kept, changed nor cleared, and the first of them.
    pub drafts_left: usize,
    pub next_draft: Option<String>,
    /// Submitting was refused: what remains, said.
    pub drafts_refused: Option<String>,
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
                                previous: false,
                            }];
                            choices.extend((0..=5u8).map(|l| Choice {
                                value: l.to_string(),
                                label: l.to_string(),
                                definition: definition(catalog, side, Some(l), lang, ""),
                                checked: value == Some(l),
                                previous: false,
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
                            draft: None,
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
            has_drafts: false,
            drafts_left: 0,
            next_draft: None,
            drafts_refused: None,
            ctx,
        }
    }

    /// The respondent's drafts beside their roles, each with its state against `answers` (role
    /// index → answer, as shown).
    pub fn with_drafts(mut self, catalog: &Catalog, drafts: &[Draft], answers: &[Answer]) -> Self {
        let w = self.ctx.w;
        let shown = |l: Option<isomm_core::answers::Level>| {
            l.map_or(w.sheet_draft_none.to_string(), |l| l.get().to_string())
        };
        for d in drafts {
            let Some(i) = catalog.role_index(&d.role) else {
                continue;
            };
            let state = d.state(answers.get(i));
            let Some(role) = self
                .functions
                .iter_mut()
                .flat_map(|f| f.roles.iter_mut())
                .find(|r| r.id == d.role)
            else {
                continue;
            };
            for side in &mut role.sides {
                let level = if side.key == "in" {
                    d.answer.insource
                } else {
                    d.answer.outsource
                };
                for c in &mut side.choices {
                    c.previous = level.is_some_and(|l| c.value == l.get().to_string());
                }
            }
            let (_, state_word) = draft_state_words(state, w);
            role.draft = Some(RoleDraft {
                insource: shown(d.answer.insource),
                outsource: shown(d.answer.outsource),
                note: d.answer.note.clone(),
                state,
                state_word,
            });
        }
        self.has_drafts = !drafts.is_empty();
        let pending: Vec<&str> = self
            .functions
            .iter()
            .flat_map(|f| f.roles.iter())
            .filter(|r| r.draft.as_ref().is_some_and(RoleDraft::pending))
            .map(|r| r.id.as_str())
            .collect();
        self.drafts_left = pending.len();
        self.next_draft = pending.first().map(|r| r.to_string());
        self
    }
}
