//! The assessment page's view model: its overall maturity (a closed round's as it kept it), each
//! sheet's state and the sharing switch (shown by the assessments feature and again, with errors,
//! by the respondents feature).

use crate::base::AppState;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::Errors;
use crate::views::*;
use askama::Template;
use isomm_core::Catalog;
use isomm_store::StoredAssessment;

/// The stored assessment `id` (not found when there is none).
pub async fn load(state: &AppState, id: i64) -> Result<StoredAssessment> {
    state.store.assessment(id).await?.ok_or(AppError::NotFound)
}

/// The assessment's page: its overall maturity from the submitted sheets (as results show by
/// default; a closed round's as it kept it), each sheet's state, and whether respondents see the
/// combined results.
pub async fn assessment_page(
    state: &AppState,
    ctx: Ctx,
    stored: &StoredAssessment,
) -> Result<AssessmentPage> {
    // Scoring up to the most respondents an assessment may have is a job, not the async
    // workers'; a closed round's is the overall it kept.
    let overall = crate::base::rounds::overall(state, stored.clone()).await?;
    let states = state.store.sheet_states(stored.id).await?;
    let shared = state.store.share_results(stored.id).await?.unwrap_or(false);
    let zone = crate::base::zone::of(state, stored.fields.workspace).await?;
    let round = round_view(state, &ctx, stored, &zone).await?;
    Ok(AssessmentPage::new(&state.catalog, ctx, stored, overall)
        .with_sheets(&states)
        .with_sharing(shared)
        .with_deadline(stored, &zone, isomm_store::now())
        .with_round(round))
}

/// The round part of the page: read from the store (its state and its series' rounds).
async fn round_view(
    state: &AppState,
    ctx: &Ctx,
    stored: &StoredAssessment,
    zone: &isomm_core::zone::Zone,
) -> Result<RoundView> {
    let Some(round) = state.store.round_state(stored.id).await? else {
        return Err(AppError::NotFound);
    };
    let rounds = state.store.series_rounds(round.series).await?;
    let named = |id: i64, key: &'static str| {
        rounds.iter().find(|r| r.id == id).map(|r| {
            let title = if r.title.is_empty() {
                r.date.clone().unwrap_or_default()
            } else {
                r.title.clone()
            };
            (
                id,
                crate::base::words::say(ctx.lang, key, &[("title", &title)]),
            )
        })
    };
    let next = rounds
        .iter()
        .find(|r| r.started_from == Some(stored.id))
        .and_then(|r| named(r.id, "round-next-link"));
    let target = pattern_name(&state.catalog, &stored.fields.target_pattern, ctx.lang);
    Ok(RoundView {
        series: round.series,
        closed: round.closed_at.map(|at| {
            crate::base::words::say(ctx.lang, "round-closed-notice", &[("when", &zone.time(at))])
        }),
        started_from: round
            .started_from
            .and_then(|id| named(id, "round-started-from")),
        next,
        next_title: stored.fields.title.clone(),
        carry_target: crate::base::words::say(
            ctx.lang,
            "round-carry-target",
            &[("pattern", &target)],
        ),
        error: None,
        import_error: Vec::new(),
    })
}

impl AssessmentPage {
    /// The deadline in the workspace's zone at `now` and, once it has passed, who has not
    /// submitted (after [`AssessmentPage::with_sheets`]).
    pub fn with_deadline(
        mut self,
        stored: &StoredAssessment,
        zone: &isomm_core::zone::Zone,
        now: i64,
    ) -> AssessmentPage {
        let Some(deadline) = stored
            .fields
            .deadline
            .as_deref()
            .and_then(isomm_core::zone::Deadline::parse)
        else {
            return self;
        };
        let text = crate::base::words::deadline_text(self.ctx.lang, &deadline, zone, now);
        if text.passed {
            self.late = self
                .respondents
                .iter()
                .filter(|r| !r.submitted)
                .map(|r| (r.id, r.name.clone(), r.position.clone()))
                .collect();
        }
        self.deadline = Some(text);
        self
    }

    /// Whether respondents see the combined results.
    pub fn with_round(mut self, round: RoundView) -> AssessmentPage {
        self.round = round;
        self
    }

    pub fn with_sharing(mut self, shared: bool) -> AssessmentPage {
        self.shared = shared;
        self
    }

    pub fn with_sheets(mut self, states: &[isomm_store::accounts::SheetState]) -> AssessmentPage {
        for row in &mut self.respondents {
            if let Some(s) = states.iter().find(|s| s.id == row.id) {
                row.link = s.link;
                row.submitted = s.submitted_at.is_some();
                if row.submitted {
                    row.status = self.ctx.w.status_submitted;
                }
            }
        }
        self
    }
}

impl AssessmentPage {
    pub fn new(
        catalog: &Catalog,
        ctx: Ctx,
        stored: &StoredAssessment,
        overall: Option<f64>,
    ) -> AssessmentPage {
        let lang = ctx.lang;
        AssessmentPage {
            id: stored.id,
            organization: stored.fields.organization.clone(),
            title: stored.fields.title.clone(),
            date: stored.fields.date.clone().unwrap_or_default(),
            current: pattern_name(catalog, &stored.fields.current_pattern, lang),
            target: pattern_name(catalog, &stored.fields.target_pattern, lang),
            target_level: stored.fields.target_level,
            overall: isomm_report::view::one_decimal(overall),
            role_count: catalog.roles().len(),
            respondents: stored
                .respondents
                .iter()
                .map(|r| {
                    let answered = r.answers.values().filter(|a| a.is_answered()).count();
                    RespondentRow {
                        id: r.id,
                        name: r.name.clone(),
                        position: r.position.name(lang).to_string(),
                        answered,
                        status: if answered == 0 {
                            ctx.w.status_not_started
                        } else {
                            ctx.w.status_in_progress
                        },
                        submitted: false,
                        link: false,
                    }
                })
                .collect(),
            positions: isomm_core::Position::ALL
                .iter()
                .map(|p| (p.as_str(), p.name(lang)))
                .collect(),
            new_name: String::new(),
            roster: String::new(),
            roster_errors: Vec::new(),
            new_position: "staff".to_string(),
            errors: Errors::default(),
            shared: false,
            deadline: None,
            late: Vec::new(),
            round: RoundView::default(),
            ctx,
        }
    }
}

pub struct RespondentRow {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub answered: usize,
    /// Not started, in progress or submitted, in words.
    pub status: &'static str,
    pub submitted: bool,
    /// The respondent has a private link that works.
    pub link: bool,
}

#[derive(Template)]
#[template(path = "assessment.html")]
pub struct AssessmentPage {
    pub ctx: Ctx,
    pub id: i64,
    pub organization: String,
    pub title: String,
    pub date: String,
    pub current: String,
    pub target: String,
    pub target_level: u8,
    pub overall: String,
    pub role_count: usize,
    pub respondents: Vec<RespondentRow>,
    pub positions: Vec<(&'static str, &'static str)>,
    pub new_name: String,
    pub new_position: String,
    pub errors: Errors,
    /// The list of respondents as typed (`lines`), to show again with its problems.
    pub roster: String,
    /// Its problems, each naming its line, in the reader's language.
    pub roster_errors: Vec<String>,
    /// Respondents who submitted may see the combined results.
    pub shared: bool,
    /// The deadline, when the assessment has one.
    pub deadline: Option<crate::base::words::DeadlineText>,
    /// After the deadline: who has not submitted (id, name, position).
    pub late: Vec<(i64, String, String)>,
    /// Its place among its series' rounds.
    pub round: RoundView,
}

/// Where a round stands: closed or open, the round it was started from and the one started from
/// it (each a link and its words), and what the next round's form proposes.
#[derive(Default)]
pub struct RoundView {
    /// The series it belongs to (its page lists every round).
    pub series: i64,
    /// When closed: the notice that says so (its writes are refused, so its forms are hidden).
    pub closed: Option<String>,
    pub started_from: Option<(i64, String)>,
    pub next: Option<(i64, String)>,
    /// The next round's form: its proposed title, and the line of the box that carries the
    /// target pattern over.
    pub next_title: String,
    pub carry_target: String,
    /// What to change in the form, when it was sent with a problem.
    pub error: Option<String>,
    /// Every problem of a file sent as the next round, one line each.
    pub import_error: Vec<String>,
}
