//! The pages' view models and their templates.

use askama::Template;
use isomm_core::answers::{Answer, Position, Side};
use isomm_core::rules::group_functions;
use isomm_core::{Area, Assessment, Catalog, Lang, evaluate};
use isomm_report::ReportBody;
use isomm_report::chart::{DASHES, PALETTE, PatternDiagram, RadarChart, Series, style};
use isomm_report::view::{ReportOptions, ReportView, function_labels, who};
use isomm_store::{Counting, StoredAssessment};

use crate::ctx::Ctx;
use crate::forms::{AssessmentInput, Errors};
use crate::words::{Words, words};

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

pub struct HomeRow {
    pub id: i64,
    pub organization: String,
    pub title: String,
    pub date: String,
    pub current: String,
    pub target: String,
    pub respondents: i64,
    pub completion: String,
    pub overall: String,
    /// Answers changed since `overall` was computed: it is being computed again.
    pub updating: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: Ctx,
    pub rows: Vec<HomeRow>,
    /// `?before=` of the next (older) page, when there is one.
    pub older: Option<i64>,
    /// This is not the first page.
    pub paged: bool,
    /// The person's workspaces (id, name, the current one), to switch between.
    pub workspaces: Vec<(i64, String, bool)>,
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

pub struct LevelRow {
    pub level: usize,
    pub insource: String,
    pub outsource: String,
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
}

impl AssessmentFormPage {
    pub fn new(
        catalog: &Catalog,
        ctx: Ctx,
        editing: Option<i64>,
        input: AssessmentInput,
        errors: Errors,
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

impl AssessmentPage {
    /// Each respondent's link and submission, as the store keeps them.
    pub fn with_sharing(mut self, shared: bool) -> AssessmentPage {
        self.shared = shared;
        self
    }

    pub fn with_sheets(mut self, states: &[(i64, bool, Option<i64>)]) -> AssessmentPage {
        for row in &mut self.respondents {
            if let Some((_, link, submitted)) = states.iter().find(|(id, _, _)| *id == row.id) {
                row.link = *link;
                row.submitted = submitted.is_some();
                if row.submitted {
                    row.status = self.ctx.w.status_submitted;
                }
            }
        }
        self
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
    /// Respondents who submitted may see the combined results.
    pub shared: bool,
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
            new_position: "staff".to_string(),
            errors: Errors::default(),
            shared: false,
            ctx,
        }
    }
}

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
    pub name: String,
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
    /// Through the link, the combined results may be seen (submitted, and the assessment shares
    /// them).
    pub shared: bool,
    /// Just submitted (the confirmation).
    pub just_submitted: bool,
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
        place: &crate::links::SheetPlace,
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
                name: f.name.phrased(lang).into_owned(),
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
            shared: place.by_link && place.submitted && place.shared,
            just_submitted: false,
            ctx,
        }
    }
}

pub struct Toggle {
    pub key: String,
    pub label: String,
    pub color: String,
    /// The series' dash pattern (SVG `stroke-dasharray`), shown in its swatch.
    pub dash: String,
}

/// The switches of the radar's extra series, shown beside the radar.
#[derive(Template)]
#[template(path = "series_toggles.html")]
pub struct SeriesToggles<'a> {
    pub w: &'static Words,
    pub respondents: &'a [Toggle],
    pub positions: &'a [Toggle],
}

/// The results page around its body (rendered once per revision and language, then cached).
#[derive(Template)]
#[template(path = "results.html")]
pub struct ResultsPage {
    pub ctx: Ctx,
    pub id: i64,
    pub organization: String,
    pub body: String,
}

/// The body of the results page: downloads, the series to switch on, the report.
#[derive(Template)]
#[template(path = "results_body.html")]
pub struct ResultsBody {
    pub w: &'static Words,
    pub id: i64,
    pub body: String,
    /// How many respondents the results count, of how many.
    pub counted: usize,
    pub total: usize,
    /// The names of the respondents left out (sheets not submitted), when only submitted ones
    /// count.
    pub left_out: String,
    /// Sheets in progress are counted too.
    pub all: bool,
    /// What the links to downloads add to count the same sheets (`?sheets=all` or nothing).
    pub query: &'static str,
    /// The reader may download every answer (`answers.csv`).
    pub answers: bool,
}

impl ResultsBody {
    /// The report of the assessment with a radar series per respondent and per position, hidden
    /// until chosen. Linear in respondents × roles.
    pub fn build(
        catalog: &Catalog,
        stored: &StoredAssessment,
        assessment: &Assessment,
        reading: crate::pages::Reading,
    ) -> Result<ResultsBody, askama::Error> {
        let crate::pages::Reading {
            lang,
            counting,
            audience,
        } = reading;
        let evaluation = evaluate(catalog, assessment);
        let options = ReportOptions {
            lang,
            plan: stored.fields.plan,
            audience,
        };
        let mut view = ReportView::from_evaluation(catalog, assessment, &evaluation, options);
        let mut series: Vec<Series> =
            std::mem::replace(&mut view.radar, RadarChart::new(&[], vec![])).series;
        // Up to eight respondents each get a colour; beyond that, a colour per position and a
        // dash per respondent within it, so that the legend still reads.
        let many = assessment.respondents.len() > PALETTE.len();
        let mut within = [0usize; Position::ALL.len()];
        let mut respondents = Vec::with_capacity(assessment.respondents.len());
        for (i, r) in assessment.respondents.iter().enumerate() {
            let values = group_functions(catalog, &[r]);
            let key = format!("r{i}");
            let (color, dash) = if many {
                let p = r.position as usize;
                within[p] += 1;
                (PALETTE[p], DASHES[(within[p] - 1) % DASHES.len()])
            } else {
                style(i)
            };
            respondents.push(Toggle {
                key: key.clone(),
                label: who(&r.name, r.position.name(lang), lang),
                color: color.into(),
                dash: dash.into(),
            });
            series.push(
                Series::new(&r.name, color, values)
                    .dashed(dash)
                    .with_key(key)
                    .hidden(),
            );
        }
        let mut positions = Vec::new();
        for p in &evaluation.positions {
            let key = format!("p-{}", p.position.as_str());
            let (color, dash) = (PALETTE[p.position as usize + 4], DASHES[3]);
            let label = p.position.name(lang);
            positions.push(Toggle {
                key: key.clone(),
                label: format!("{label} ({})", p.respondents),
                color: color.into(),
                dash: dash.into(),
            });
            series.push(
                Series::new(label, color, p.functions.clone())
                    .dashed(dash)
                    .with_key(key)
                    .hidden(),
            );
        }
        let ui = isomm_report::ui::ui(lang);
        view.radar = RadarChart::new(&function_labels(catalog, lang), series)
            .with_target(assessment.target_level.get(), ui.legend_target)
            .described(ui.radar_heading, ui.none_dash);
        let toggles = SeriesToggles {
            w: words(lang),
            respondents: &respondents,
            positions: &positions,
        }
        .render()?;
        let left_out = stored
            .respondents
            .iter()
            .filter(|r| !counting.counts(r))
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::Ja => "、",
                Lang::En => ", ",
            });
        Ok(ResultsBody {
            w: words(lang),
            id: stored.id,
            body: ReportBody::new(&view).beside_radar(toggles).render()?,
            counted: assessment.respondents.len(),
            total: stored.respondents.len(),
            left_out,
            all: counting == Counting::All,
            query: match counting {
                Counting::All => "?sheets=all",
                Counting::Submitted => "",
            },
            answers: audience.reads_answers(),
        })
    }
}

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
            current_pattern: "hybrid".into(),
            target_pattern: "hybrid".into(),
            target_level: "4".into(),
            ctx,
        }
    }
}

/// Respondents whose sheets the combined results need before a respondent may see them, and a
/// position before its own figures are shown: fewer would let one person's answers be worked out.
pub const SHARED_MIN_RESPONDENTS: usize = 3;

/// The combined results a respondent sees through their link after submitting, when the assessment
/// shares them: aggregates only (no individual series, names or notes), nothing at all below
/// [`SHARED_MIN_RESPONDENTS`] sheets, and figures by position only when every position has at least
/// that many (one small position could otherwise be worked out from the totals and the others).
/// Who may see it at all is [`shared_results_ready`].
#[derive(Template)]
#[template(path = "shared_body.html")]
pub struct SharedBody {
    pub w: &'static Words,
    pub ui: &'static isomm_report::ui::Ui,
    pub counted: usize,
    pub enough: bool,
    pub overall: String,
    pub target_level: u8,
    pub radar_svg: String,
    pub functions: Vec<isomm_report::view::FunctionRow>,
    /// Each position shown (`name (respondents)`), and per function its maturity in each.
    pub position_heads: Vec<String>,
    pub position_rows: Vec<(String, Vec<String>)>,
}

impl SharedBody {
    /// The body of a snapshot of the combined results ([`crate::shared::Figures`]): every number
    /// as the snapshot keeps it (tenths), the chart drawn from exactly those numbers.
    pub fn from_figures(
        catalog: &Catalog,
        figures: &crate::shared::Figures,
        target_level: u8,
        lang: Lang,
    ) -> SharedBody {
        use crate::shared::Figures;
        use isomm_report::chart;
        use isomm_report::view::FunctionRow;
        let ui = isomm_report::ui::ui(lang);
        let counted = figures.counted;
        let enough = counted >= SHARED_MIN_RESPONDENTS;
        let radar = RadarChart::new(
            &function_labels(catalog, lang),
            vec![Series::new(
                ui.series_combined,
                chart::COMBINED,
                figures
                    .functions
                    .iter()
                    .map(|v| Figures::plotted(*v))
                    .collect(),
            )],
        )
        .with_target(target_level, ui.legend_target)
        .described(ui.radar_heading, ui.none_dash);
        let functions = catalog
            .functions()
            .iter()
            .zip(&figures.functions)
            .map(|(f, maturity)| FunctionRow {
                id: f.id.clone(),
                name: f.name.get(lang).to_string(),
                phrased: f.name.phrased(lang).into_owned(),
                maturity: Figures::shown(*maturity),
                insource: String::new(),
                outsource: String::new(),
                roles_counted: 0,
                roles_not_applicable: 0,
            })
            .collect();
        let position_heads = figures
            .positions
            .iter()
            .map(|p| {
                format!(
                    "{} ({})",
                    Figures::position_name(&p.position, lang),
                    p.respondents
                )
            })
            .collect();
        let position_rows = catalog
            .functions()
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let values = figures
                    .positions
                    .iter()
                    .map(|p| Figures::shown(p.functions.get(i).copied().flatten()))
                    .collect();
                (format!("{} {}", f.id, f.name.get(lang)), values)
            })
            .collect();
        SharedBody {
            w: words(lang),
            ui,
            counted,
            enough,
            overall: Figures::shown(figures.overall),
            target_level,
            radar_svg: if enough {
                radar.render().unwrap_or_default()
            } else {
                String::new()
            },
            functions: if enough { functions } else { Vec::new() },
            position_heads,
            position_rows,
        }
    }
}

/// Respondents besides the viewer who must have answered before the viewer sees combined results.
pub const SHARED_MIN_OTHERS: usize = 2;

/// May the respondent `viewer` see the combined results of `stored` now? Only when every sheet is
/// submitted (a page that changes as sheets arrive would give away each newcomer's answers by
/// difference) and at least [`SHARED_MIN_OTHERS`] other respondents gave a level of 1 or more
/// somewhere (the viewer can take their own answers out of the totals; empty or all-0 sheets add
/// nothing to them): what is left is always a mix of two people or more. Answers how many sheets are
/// submitted, of how many, when not.
pub fn shared_results_ready(
    stored: &StoredAssessment,
    viewer: i64,
) -> std::result::Result<(), (usize, usize)> {
    let total = stored.respondents.len();
    let submitted = stored.respondents.iter().filter(|r| r.submitted).count();
    let contributors = stored
        .respondents
        .iter()
        .filter(|r| r.id != viewer)
        .filter(|r| {
            r.answers.values().any(|a| {
                [a.insource, a.outsource]
                    .iter()
                    .any(|l| l.is_some_and(|l| l.get() >= 1))
            })
        })
        .count();
    if submitted == total && total >= SHARED_MIN_RESPONDENTS && contributors >= SHARED_MIN_OTHERS {
        Ok(())
    } else {
        Err((submitted, total))
    }
}

#[derive(Template)]
#[template(path = "shared.html")]
pub struct SharedPage {
    pub ctx: Ctx,
    pub organization: String,
    pub sheet: String,
    pub body: String,
    /// Not yet (see [`shared_results_ready`]): sheets submitted, of how many.
    pub waiting: Option<(usize, usize)>,
}

#[cfg(test)]
mod tests {
    use isomm_core::answers::{Answer, Level, Position};
    use isomm_store::{AssessmentFields, StoredAssessment, StoredRespondent};

    fn respondent(id: i64, submitted: bool, levels: &[Option<i64>]) -> StoredRespondent {
        StoredRespondent {
            id,
            name: format!("r{id}"),
            position: Position::Staff,
            submitted,
            answers: levels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    (
                        format!("A-{}", i + 1),
                        Answer {
                            insource: l.map(|l| Level::new(l).unwrap()),
                            ..Answer::default()
                        },
                    )
                })
                .collect(),
        }
    }

    fn assessment(respondents: Vec<StoredRespondent>) -> StoredAssessment {
        StoredAssessment {
            id: 1,
            model: "isomm-2.1".into(),
            fields: AssessmentFields {
                workspace: None,
                organization: "o".into(),
                title: "t".into(),
                date: None,
                current_pattern: "hybrid".into(),
                target_pattern: "hybrid".into(),
                target_level: 3,
                plan: Default::default(),
                areas: Default::default(),
            },
            respondents,
            revision: 1,
            created_at: 0,
        }
    }

    #[test]
    fn combined_results_wait_for_every_sheet_and_two_other_people_who_answered() {
        use super::shared_results_ready as ready;
        let all = assessment(vec![
            respondent(1, true, &[Some(3)]),
            respondent(2, true, &[Some(2)]),
            respondent(3, true, &[Some(4), None]),
        ]);
        assert_eq!(ready(&all, 1), Ok(()));
        // One sheet still open: nobody yet.
        let open = assessment(vec![
            respondent(1, true, &[Some(3)]),
            respondent(2, true, &[Some(2)]),
            respondent(3, false, &[Some(4)]),
        ]);
        assert_eq!(ready(&open, 1), Err((2, 3)));
        // A colleague's empty or all-0 sheet adds nothing to the totals: the other colleague's
        // answers would be the totals once the viewer takes out their own.
        for empty in [vec![], vec![Some(0), Some(0)], vec![None]] {
            let thin = assessment(vec![
                respondent(1, true, &[Some(3)]),
                respondent(2, true, &empty),
                respondent(3, true, &[Some(4)]),
            ]);
            assert_eq!(ready(&thin, 1), Err((3, 3)), "{empty:?}");
        }
        // The viewer's own empty sheet does not matter: two others answered.
        let viewer_empty = assessment(vec![
            respondent(1, true, &[Some(0)]),
            respondent(2, true, &[Some(2)]),
            respondent(3, true, &[Some(4)]),
        ]);
        assert_eq!(ready(&viewer_empty, 1), Ok(()));
        // Two people in all are never enough.
        let two = assessment(vec![
            respondent(1, true, &[Some(3)]),
            respondent(2, true, &[Some(2)]),
        ]);
        assert_eq!(ready(&two, 1), Err((2, 2)));
    }
}
