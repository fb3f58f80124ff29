//! The results pages' view models: the results body (radar, numbers, plan) and the respondents'
//! snapshot of the combined results.

use super::shared::{MIN_RESPONDENTS, position_name, shown};
use crate::base::ctx::Ctx;
use crate::base::prelude::*;
use crate::base::words::Words;
use crate::base::words::words;
use askama::Template;
use isomm_core::Assessment;
use isomm_core::Catalog;
use isomm_core::Lang;
use isomm_core::answers::Position;
use isomm_core::rules::group_functions;
use isomm_report::ReportBody;
use isomm_report::chart::DASHES;
use isomm_report::chart::PALETTE;
use isomm_report::chart::RadarChart;
use isomm_report::chart::Series;
use isomm_report::chart::style;
use isomm_report::view::ReportOptions;
use isomm_report::view::ReportView;
use isomm_report::view::function_labels;
use isomm_report::view::who;
use isomm_store::Counting;
use isomm_store::StoredAssessment;

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
    /// The round this one was started from, when there is one: the page links to their
    /// comparison.
    pub previous: Option<i64>,
    /// Its series: the page links to every round (viewers see no assessment page).
    pub series: Option<i64>,
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
    /// A closed round: the results it kept (no other counting is offered).
    pub kept: bool,
}

impl ResultsBody {
    /// The report of the assessment with a radar series per respondent and per position, hidden
    /// until chosen. Linear in respondents × roles.
    pub fn build(
        catalog: &Catalog,
        stored: &StoredAssessment,
        assessment: &Assessment,
        reading: crate::results::render::Reading,
    ) -> Result<ResultsBody> {
        let evaluation = reading.evaluation(catalog, assessment)?;
        let crate::results::render::Reading {
            lang,
            counting,
            audience,
            ref previous,
            ref kept,
            ref items,
        } = reading;
        let options = ReportOptions {
            lang,
            plan: stored.fields.plan,
            audience,
        };
        let mut view = ReportView::from_evaluation(catalog, assessment, &evaluation, options)
            .with_items(items, lang);
        // Started from another round: "since the last round" (when the two compare).
        if let Some(previous) = previous.as_deref() {
            let now = isomm_report::read::RoundRecord::of(
                catalog,
                assessment,
                &evaluation,
                stored.fields.plan,
            );
            if isomm_core::compare::fits(catalog, &previous.round).is_ok()
                && let Ok(c) =
                    isomm_report::comparison::compared(previous, &now, Default::default())
            {
                view = view.since(catalog, previous, &now, &c, lang);
            }
        }
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
            .join(words(lang).list_separator);
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
            kept: kept.is_some(),
        })
    }
}

/// The combined results a respondent sees through their link after submitting, when the assessment
/// shares them: aggregates only (no individual series, names or notes), nothing at all below
/// [`MIN_RESPONDENTS`] sheets, and figures by position only when every position has at least
/// that many (one small position could otherwise be worked out from the totals and the others).
/// Who may see it at all is `shared_results_ready`.
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
    /// The body of a snapshot of the combined results ([`crate::results::shared::Figures`]): every number
    /// as the snapshot keeps it (tenths), the chart drawn from exactly those numbers.
    pub fn from_figures(
        catalog: &Catalog,
        figures: &crate::results::shared::Figures,
        target_level: u8,
        lang: Lang,
    ) -> SharedBody {
        use crate::results::shared::Figures;
        use isomm_report::chart;
        use isomm_report::view::FunctionRow;
        let ui = isomm_report::ui::ui(lang);
        let counted = figures.counted;
        let enough = counted >= MIN_RESPONDENTS;
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
                phrases: f.name.phrases(lang),
                maturity: shown(*maturity),
                insource: String::new(),
                outsource: String::new(),
                roles_counted: 0,
                roles_not_applicable: 0,
                // The shared figures carry no answers to count evidence from; they are shown
                // only once enough people answered (`isomm_core::shared`).
                thin: false,
            })
            .collect();
        let position_heads = figures
            .positions
            .iter()
            .map(|p| {
                isomm_report::view::who(
                    &position_name(&p.position, lang),
                    &p.respondents.to_string(),
                    lang,
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
                    .map(|p| shown(p.functions.get(i).copied().flatten()))
                    .collect();
                (format!("{} {}", f.id, f.name.get(lang)), values)
            })
            .collect();
        SharedBody {
            w: words(lang),
            ui,
            counted,
            enough,
            overall: shown(figures.overall),
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

#[derive(Template)]
#[template(path = "shared.html")]
pub struct SharedPage {
    pub ctx: Ctx,
    pub organization: String,
    pub sheet: String,
    pub body: String,
    /// Not yet (see `shared_results_ready`): sheets submitted, of how many.
    pub waiting: Option<(usize, usize)>,
}
