//! The view model: everything a human-readable report shows, in one language, with numbers formatted.
//!
//! Built once from the catalog, the assessment and its evaluation; the HTML renderer (and the web
//! application's results page) only lay it out.

use isomm_core::rules::Evaluation;
use isomm_core::{Assessment, Catalog, Lang, evaluate};
use serde::Serialize;

use crate::chart::{self, PatternDiagram, PositionChart, RadarChart, RoleChart, Series};
use crate::plan::{PlanOptions, PlanView, say};
use crate::ui::{Ui, ui};

pub use crate::chart::function_labels;
pub use crate::numbers::{adds_up, difference, one_decimal, shown, shown_tenths, tenths};

/// The note beside figures whose difference, taken before rounding, is 0.1 off the difference of
/// the figures as shown.
pub fn rounding_note(lang: Lang) -> String {
    say(lang, "difference-rounding", &[])
}

#[derive(Serialize)]
pub struct PatternView {
    pub id: String,
    pub name: String,
    pub in_house: Vec<String>,
    pub outsourced: Vec<String>,
}

#[derive(Serialize)]
pub struct RespondentView {
    pub name: String,
    pub position: String,
    pub answered: usize,
}

/// One respondent's answers in the PDF's appendix: every role's two sides and every note, as the
/// sheet holds them.
#[derive(Serialize)]
pub struct AnswerSheetView {
    /// The name with the position ("佐藤（担当者）").
    pub who: String,
    /// Per role in catalog order: its id, the insource and the outsource answer ("—" where the
    /// side was left empty; 0 is a decision against it).
    pub cells: Vec<[String; 3]>,
    /// The respondent's notes: role id and the whole text.
    pub notes: Vec<[String; 2]>,
}

/// The appendix lists every answer up to this many respondents; beyond, the workbook has them.
pub const ANSWERS_IN_APPENDIX: usize = 30;

#[derive(Serialize)]
pub struct FunctionRow {
    pub id: String,
    pub name: String,
    /// The name cut into its phrases ([`isomm_core::Text::phrases`]), for headings and tables
    /// that wrap between them (HTML, PDF); spreadsheets take `name`.
    pub phrases: Vec<String>,
    pub maturity: String,
    pub insource: String,
    pub outsource: String,
    pub roles_counted: usize,
    pub roles_not_applicable: usize,
    /// The maturity rests on fewer than two respondents who gave a level (marked `*`).
    pub thin: bool,
}

/// A function or role named in a list (strengths, weak roles, …).
#[derive(Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub value: String,
    /// How it stands against the target level, in words ("2.0 below the target").
    pub remark: String,
    /// The value rests on fewer than two respondents who gave a level (marked `*`).
    pub thin: bool,
}

#[derive(Serialize)]
pub struct MismatchRow {
    pub id: String,
    pub name: String,
    pub expected: String,
    pub actual: String,
}

/// A respondent's note on a role, as a report shows it.
#[derive(Serialize)]
pub struct NoteView {
    /// The respondent and their position.
    pub who: String,
    /// The note, cut to [`NOTE_SHOWN_CHARS`] characters.
    pub text: String,
}

/// Notes a report shows per role; the others are counted (the result document has them all).
pub const NOTES_SHOWN: usize = 3;
/// Characters of a note a report shows.
pub const NOTE_SHOWN_CHARS: usize = 280;

/// A person with their position: "name（position）" in Japanese, "name (position)" in English
/// (the message `who`).
pub fn who(name: &str, position: &str, lang: Lang) -> String {
    crate::ui::say(lang, "who", &[("name", name), ("position", position)])
}

/// "ほか 3 件のメモ" for notes not shown; empty when there are none.
pub fn more_notes_text(count: usize, lang: Lang) -> String {
    if count == 0 {
        String::new()
    } else {
        say(lang, "more-notes", &[("count", &count.to_string())])
    }
}

/// The notes on `role` a report shows, and how many more there are.
pub fn notes_of(assessment: &Assessment, role: usize, lang: Lang) -> (Vec<NoteView>, usize) {
    let all: Vec<NoteView> = assessment
        .respondents
        .iter()
        .filter_map(|p| {
            let text = p.answers[role].note.as_deref()?.trim();
            (!text.is_empty()).then(|| {
                let mut shown: String = text.chars().take(NOTE_SHOWN_CHARS).collect();
                if shown.len() < text.len() {
                    shown.push('…');
                }
                NoteView {
                    who: who(&p.name, p.position.name(lang), lang),
                    text: shown,
                }
            })
        })
        .collect();
    let more = all.len().saturating_sub(NOTES_SHOWN);
    (all.into_iter().take(NOTES_SHOWN).collect(), more)
}

/// Names a list shows before it counts the rest ("…ほか 12 人").
pub const NAMES_SHOWN: usize = 3;

/// Who gave `role` the level `level` (R1, among those who answered it): up to [`NAMES_SHOWN`]
/// names with their positions, then how many more.
fn who_at(assessment: &Assessment, role: usize, level: u8, lang: Lang) -> String {
    let all: Vec<String> = assessment
        .respondents
        .iter()
        .filter(|p| {
            let a = &p.answers[role];
            a.is_answered() && isomm_core::rules::respondent_level(a) == level
        })
        .map(|p| who(&p.name, p.position.name(lang), lang))
        .collect();
    let mut text = all
        .iter()
        .take(NAMES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(separator(lang));
    if all.len() > NAMES_SHOWN {
        text.push_str(&say(
            lang,
            "and-more",
            &[("count", &(all.len() - NAMES_SHOWN).to_string())],
        ));
    }
    text
}

/// Respondents a perception-gap row shows one column each; with more, a column per position.
pub const GAP_COLUMNS_PER_RESPONDENT: usize = 8;

/// Beyond this many respondents, the reports people read list only [`GAP_ROWS_SHOWN`] perception
/// gaps (the largest, in R11's order) and count the rest; the workbook and the JSON keep them all.
pub const MANY_RESPONDENTS: usize = 10;
pub const GAP_ROWS_SHOWN: usize = 15;

/// One respondent's level in a perception-gap row, with a heat class for the cell.
#[derive(Serialize)]
pub struct GapCell {
    pub text: String,
    /// 0–5, or `None` when the respondent did not answer the role.
    pub level: Option<u8>,
}

#[derive(Serialize)]
pub struct GapRow {
    pub id: String,
    pub name: String,
    pub min: u8,
    pub max: u8,
    pub spread: u8,
    /// What the table shows under [`ReportView::gap_heads`]: each respondent's level for the role
    /// in respondent order, or with more than [`GAP_COLUMNS_PER_RESPONDENT`] respondents each
    /// position's range.
    pub cells: Vec<GapCell>,
    /// Who gave the lowest and the highest level ("佐藤（担当者）、…").
    pub low: String,
    pub high: String,
    pub notes: Vec<NoteView>,
    pub more_notes: usize,
    /// `more_notes` in words.
    pub more_notes_text: String,
}

/// A function's maturity in each position (the transposed comparison: functions down, positions
/// across, so that names fit and many positions never scroll).
#[derive(Serialize)]
pub struct PositionFunctionRow {
    pub id: String,
    pub name: String,
    pub values: Vec<String>,
}

/// Whether the assessment shows the seed's tendencies, in sentences: managers and leaders score
/// higher than staff; outsourced items score higher than in-house ones. The rule (which means, and
/// how far apart they must be) is the core's ([`isomm_core::tendency`]).
fn tendencies(
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    lang: Lang,
) -> Vec<String> {
    use isomm_core::tendency::{Comparison, Tendencies};
    let found = Tendencies::of(catalog, assessment, e);
    let sentence = |key: &'static str, c: Option<Comparison>| {
        let c = c?;
        let mut text = say(
            lang,
            key,
            &[
                ("result", c.direction.as_str()),
                ("high", &shown(c.high)),
                ("low", &shown(c.low)),
                ("diff", &shown_tenths(c.diff_tenths.abs())),
            ],
        );
        // The two means, rounded on their own, seem 0.1 apart from the difference shown.
        if !c.adds_up() {
            text.push_str(crate::ui::ui(lang).sentence_gap);
            text.push_str(&rounding_note(lang));
        }
        Some(text)
    };
    [
        sentence("tendency-positions", found.positions),
        sentence("tendency-sourcing", found.sourcing),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The page an executive reads first.
#[derive(Serialize)]
pub struct SummaryView {
    /// Nobody has answered anything yet: the report says so instead of drawing empty charts.
    pub empty: bool,
    /// What is missing, when some respondents have not answered every role.
    pub partial: String,
    /// The overall maturity against the target level, in a sentence.
    pub verdict: String,
    /// The overall and the target as shares of the 0–5 scale, for a bar.
    pub overall_fraction: f64,
    pub target_fraction: f64,
    /// From the current pattern to the target, in a sentence, and how many roles change sourcing.
    pub pattern_change: String,
    pub changes: usize,
    pub strengths: Vec<Named>,
    pub weaknesses: Vec<Named>,
    /// The largest perception gap, in a sentence, when there is one.
    pub largest_gap: String,
    /// How many respondents were counted, by position.
    pub counted: String,
    /// What the whole part of the overall means in the sheet's words, both sides.
    pub meaning: String,
    /// How many roles' answers contradict the current pattern (R9), in a sentence.
    pub mismatches: String,
    pub mismatch_count: usize,
    /// Why a side's mean can be above the combined value, when the numbers show it; else empty.
    pub side_note: String,
    /// Whether any figure on page 1 carries the `*` of thin evidence.
    pub thin: bool,
    /// Whether some function's maturity carries it (the table of functions).
    pub functions_thin: bool,
    /// Under the strengths and weaknesses, when a distance to the target shown there is 0.1 off
    /// the difference of the figures shown ([`rounding_note`]); else empty.
    pub rounding: String,
}

/// What a report shows beyond the assessment itself: its language, how much of the plan, and who
/// reads it (a reader of results gets no note and no answers sheet).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReportOptions {
    pub lang: Lang,
    pub plan: PlanOptions,
    pub audience: isomm_core::Audience,
}

impl ReportOptions {
    pub fn new(lang: Lang) -> ReportOptions {
        ReportOptions {
            lang,
            plan: PlanOptions::default(),
            audience: isomm_core::Audience::Everything,
        }
    }
}

/// The whole report, ready to lay out.
#[derive(Serialize)]
pub struct ReportView {
    pub ui: &'static Ui,
    pub organization: String,
    pub title: String,
    pub date: Option<String>,
    pub model: String,
    pub current: PatternView,
    pub target: PatternView,
    pub target_level: u8,
    pub overall: String,
    pub summary: SummaryView,
    pub respondents: Vec<RespondentView>,
    #[serde(skip)]
    pub radar: RadarChart,
    #[serde(skip)]
    pub current_diagram: PatternDiagram,
    #[serde(skip)]
    pub target_diagram: PatternDiagram,
    pub functions: Vec<FunctionRow>,
    pub strengths: Vec<Named>,
    pub weaknesses: Vec<Named>,
    pub strong_roles: Vec<Named>,
    pub weak_roles: Vec<Named>,
    pub role_charts: Vec<RoleChart>,
    pub mismatches: Vec<MismatchRow>,
    pub plan: PlanView,
    pub gaps: Vec<GapRow>,
    /// How many of `gaps` the HTML and PDF list (all of them up to [`MANY_RESPONDENTS`]).
    pub gaps_shown: usize,
    /// The gaps not listed, counted in a sentence; empty when all are listed.
    pub gaps_more: String,
    /// The heads of the perception-gap table's columns after the role: each respondent (name and
    /// position), or each position with its count.
    pub gap_heads: Vec<(String, String)>,
    /// The same figures with functions down and positions across, and their heads.
    pub position_heads: Vec<String>,
    pub position_rows: Vec<PositionFunctionRow>,
    /// Whether the seed's tendencies show, in sentences.
    pub tendencies: Vec<String>,
    #[serde(skip)]
    pub positions_chart: PositionChart,
    /// True when there is more than one respondent: perception gaps and positions are shown.
    pub several: bool,
    pub role_count: usize,
    /// Where the list of respondents is when it is too long for page 2 (the PDF's appendix).
    pub respondents_elsewhere: String,
    /// Every answer and note, respondent by respondent, for the PDF's appendix: empty for a reader
    /// of results ([`isomm_core::Audience::reads_answers`]) and beyond [`ANSWERS_IN_APPENDIX`]
    /// respondents.
    pub answers: Vec<AnswerSheetView>,
    /// Beyond [`ANSWERS_IN_APPENDIX`] respondents, where the answers are instead (the workbook);
    /// else empty.
    pub answers_elsewhere: String,
    /// "Since the last round" (`isomm report --previous`): this round compared with an earlier
    /// one, whose values are also the radar's dashed ghost.
    pub since: Option<crate::comparison::ComparisonView>,
}

impl ReportView {
    /// The report with a "since the last round" section: `c` compares `previous` with this
    /// round (`now`, the record of the same assessment and evaluation).
    /// The report with each plan line's tracked item (owner, due date, status), when it has one.
    pub fn with_items(mut self, items: &[isomm_core::items::Item], lang: Lang) -> ReportView {
        self.plan.with_items(items, lang);
        self
    }

    pub fn since(
        mut self,
        catalog: &Catalog,
        previous: &crate::read::RoundRecord,
        now: &crate::read::RoundRecord,
        c: &isomm_core::compare::Comparison,
        lang: Lang,
    ) -> ReportView {
        let view = crate::comparison::ComparisonView::new(catalog, previous, now, c, lang);
        let ghost = Series::new(
            view.ui.earlier,
            chart::EARLIER,
            previous
                .round
                .functions
                .iter()
                .map(|f| f.maturity)
                .collect(),
        )
        .dashed(chart::DASHES[3])
        .with_key("earlier");
        self.radar = self.radar.with_series(ghost);
        self.since = Some(view);
        self
    }
}

fn pattern_view(catalog: &Catalog, pattern: usize, lang: Lang) -> PatternView {
    let p = &catalog.patterns()[pattern];
    let (inside, outside): (Vec<_>, Vec<_>) = isomm_core::Area::ALL
        .into_iter()
        .partition(|a| p.insources(*a));
    let label = |a: isomm_core::Area| format!("{} {}", a.as_str(), a.name(lang));
    PatternView {
        id: p.id.clone(),
        name: p.name.get(lang).to_string(),
        in_house: inside.into_iter().map(label).collect(),
        outsourced: outside.into_iter().map(label).collect(),
    }
}

/// A value against the target level, in words.
fn remark(value: Option<f64>, target: u8, lang: Lang) -> String {
    match value {
        Some(v) => {
            let reached = tenths(v) >= i64::from(target) * 10;
            say(
                lang,
                "against-target",
                &[
                    ("reached", if reached { "yes" } else { "no" }),
                    ("gap", &difference(f64::from(target), v)),
                    ("target", &target.to_string()),
                ],
            )
        }
        None => String::new(),
    }
}

/// The list separator of `lang` (the message `list-separator`).
pub fn separator(lang: Lang) -> &'static str {
    crate::ui::ui(lang).list_separator
}

fn summary(
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    lang: Lang,
    named_function: &dyn Fn(&usize) -> Named,
) -> SummaryView {
    let target = assessment.target_level.get();
    let respondents = assessment.respondents.len();
    let empty = e.answered.iter().all(|&n| n == 0);
    let unfinished = e
        .answered
        .iter()
        .filter(|&&n| n > 0 && n < catalog.roles().len())
        .count();
    let silent = e.answered.iter().filter(|&&n| n == 0).count();
    let partial = if empty || (unfinished == 0 && silent == 0) {
        String::new()
    } else {
        let mut parts = String::new();
        for (key, count) in [
            ("partial-unfinished", unfinished),
            ("partial-silent", silent),
        ] {
            if count > 0 {
                parts.push_str(&say(lang, key, &[("count", &count.to_string())]));
            }
        }
        say(
            lang,
            "partial",
            &[("respondents", &respondents.to_string()), ("parts", &parts)],
        )
    };
    let verdict = match (empty, e.overall) {
        (false, Some(overall)) => {
            let reached = tenths(overall) >= i64::from(target) * 10;
            let mut text = say(
                lang,
                "verdict",
                &[
                    ("overall", &shown(overall)),
                    ("target", &target.to_string()),
                    ("reached", if reached { "yes" } else { "no" }),
                    ("gap", &difference(f64::from(target), overall)),
                ],
            );
            if !reached && !adds_up(f64::from(target), overall) {
                text.push_str(crate::ui::ui(lang).sentence_gap);
                text.push_str(&rounding_note(lang));
            }
            text
        }
        _ => say(lang, "verdict-none", &[]),
    };
    let current = &catalog.patterns()[assessment.current_pattern];
    let future = &catalog.patterns()[assessment.target_pattern];
    let areas = |keep: &dyn Fn(isomm_core::Area) -> bool| {
        isomm_core::Area::ALL
            .into_iter()
            .filter(|a| keep(*a))
            .map(|a| {
                crate::ui::say(
                    lang,
                    "area-named",
                    &[("area", a.as_str()), ("name", a.name(lang))],
                )
            })
            .collect::<Vec<_>>()
            .join(separator(lang))
    };
    let mut moves = String::new();
    for (key, list) in [
        (
            "moves-in",
            areas(&|a| future.insources(a) && !current.insources(a)),
        ),
        (
            "moves-out",
            areas(&|a| current.insources(a) && !future.insources(a)),
        ),
    ] {
        if !list.is_empty() {
            moves.push_str(&say(lang, key, &[("areas", &list)]));
        }
    }
    let changes = e
        .roles
        .iter()
        .filter(|r| r.expected_current != r.expected_target)
        .count();
    let pattern_change = say(
        lang,
        "pattern-change",
        &[
            ("current", current.name.get(lang)),
            ("target", future.name.get(lang)),
            (
                "same",
                if assessment.current_pattern == assessment.target_pattern {
                    "yes"
                } else {
                    "no"
                },
            ),
            ("moves", &moves),
            ("roles", &changes.to_string()),
        ],
    );
    // Page 1 names positions, not people (the table of gaps has the names), and says how many
    // other roles share the largest spread.
    let largest_gap = e
        .perception_gaps
        .first()
        .map(|g| {
            let role = &catalog.roles()[g.role];
            let by_position = |level: u8| {
                isomm_core::Position::ALL
                    .into_iter()
                    .filter_map(|position| {
                        let n = assessment
                            .respondents
                            .iter()
                            .filter(|p| {
                                let a = &p.answers[g.role];
                                p.position == position
                                    && a.is_answered()
                                    && isomm_core::rules::respondent_level(a) == level
                            })
                            .count();
                        (n > 0).then(|| {
                            say(
                                lang,
                                "position-count",
                                &[("position", position.name(lang)), ("count", &n.to_string())],
                            )
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(separator(lang))
            };
            let ties = e
                .perception_gaps
                .iter()
                .skip(1)
                .filter(|o| o.spread == g.spread)
                .count();
            let mut text = say(
                lang,
                "largest-gap",
                &[
                    ("role", &format!("{} {}", role.id, role.name.get(lang))),
                    ("low", &by_position(g.min)),
                    ("min", &g.min.to_string()),
                    ("high", &by_position(g.max)),
                    ("max", &g.max.to_string()),
                    ("spread", &g.spread.to_string()),
                ],
            );
            if ties > 0 {
                text.push_str(&say(
                    lang,
                    "largest-gap-ties",
                    &[
                        ("count", &ties.to_string()),
                        ("spread", &g.spread.to_string()),
                    ],
                ));
            }
            text
        })
        .unwrap_or_default();
    let by_position = e
        .positions
        .iter()
        .map(|p| format!("{} {}", p.position.name(lang), p.respondents))
        .collect::<Vec<_>>()
        .join(separator(lang));
    let counted = say(
        lang,
        "counted",
        &[
            ("count", &respondents.to_string()),
            ("positions", &by_position),
        ],
    );
    let meaning = match (empty, e.overall) {
        (false, Some(overall)) => {
            let whole = (overall + 1e-9).floor().clamp(1.0, 5.0) as usize;
            let level = &catalog.levels()[whole];
            say(
                lang,
                "overall-meaning",
                &[
                    ("overall", &shown(overall)),
                    ("level", &whole.to_string()),
                    ("insource", level.insource.get(lang)),
                    ("outsource", level.outsource.get(lang)),
                ],
            )
        }
        _ => String::new(),
    };
    let mismatch_count = e.mismatches.len();
    let mismatches = say(
        lang,
        "mismatch-count",
        &[("count", &mismatch_count.to_string())],
    );
    // A side's mean counts only the roles answered on that side: it can be above the combined
    // value, which counts every role. Said where the shown numbers do it.
    let side_above = e.functions.iter().any(|f| {
        let combined = f.maturity.map(tenths);
        [f.insource, f.outsource]
            .into_iter()
            .flatten()
            .any(|v| combined.is_some_and(|c| tenths(v) > c))
    });
    let side_note = if side_above {
        say(lang, "side-above-combined", &[])
    } else {
        String::new()
    };
    SummaryView {
        empty,
        partial,
        verdict,
        meaning,
        mismatches,
        mismatch_count,
        side_note,
        thin: false,
        rounding: if e
            .strengths
            .iter()
            .chain(&e.weaknesses)
            .filter_map(|&f| e.functions[f].maturity)
            .filter(|&m| tenths(m) < i64::from(target) * 10)
            .all(|m| adds_up(f64::from(target), m))
        {
            String::new()
        } else {
            rounding_note(lang)
        },
        functions_thin: (0..catalog.functions().len())
            .any(|f| isomm_core::plan::thin_function(catalog, assessment, f)),
        overall_fraction: if empty {
            0.0
        } else {
            e.overall.unwrap_or(0.0).clamp(0.0, 5.0) / 5.0
        },
        target_fraction: f64::from(target) / 5.0,
        pattern_change,
        changes,
        strengths: e.strengths.iter().map(named_function).collect(),
        weaknesses: e.weaknesses.iter().map(named_function).collect(),
        largest_gap,
        counted,
    }
}

impl ReportView {
    /// Evaluates the assessment and builds its view.
    pub fn new(catalog: &Catalog, assessment: &Assessment, options: ReportOptions) -> ReportView {
        ReportView::from_evaluation(catalog, assessment, &evaluate(catalog, assessment), options)
    }

    pub fn from_evaluation(
        catalog: &Catalog,
        assessment: &Assessment,
        e: &Evaluation,
        options: ReportOptions,
    ) -> ReportView {
        let lang = options.lang;
        let ui = ui(lang);
        let target = assessment.target_level.get();
        let role = |r: usize| &catalog.roles()[r];
        let function = |f: usize| &catalog.functions()[f];
        let named_function = |f: &usize| Named {
            id: function(*f).id.clone(),
            name: function(*f).name.get(lang).to_string(),
            value: one_decimal(e.functions[*f].maturity),
            remark: remark(e.functions[*f].maturity, target, lang),
            thin: isomm_core::plan::thin_function(catalog, assessment, *f),
        };
        let named_role = |r: &usize| Named {
            id: role(*r).id.clone(),
            name: role(*r).name.get(lang).to_string(),
            value: one_decimal(e.roles[*r].level),
            remark: remark(e.roles[*r].level, target, lang),
            thin: isomm_core::plan::thin(assessment, *r),
        };
        let mut summary = summary(catalog, assessment, e, lang, &named_function);
        summary.thin = summary
            .strengths
            .iter()
            .chain(&summary.weaknesses)
            .any(|n| n.thin);
        let labels = function_labels(catalog, lang);
        let radar = RadarChart::new(
            &labels,
            vec![
                Series::new(
                    ui.series_combined,
                    chart::COMBINED,
                    e.functions.iter().map(|f| f.maturity).collect(),
                ),
                Series::new(
                    ui.series_insource,
                    chart::INSOURCE,
                    e.functions.iter().map(|f| f.insource).collect(),
                )
                .dashed(chart::DASHES[1]),
                Series::new(
                    ui.series_outsource,
                    chart::OUTSOURCE,
                    e.functions.iter().map(|f| f.outsource).collect(),
                )
                .dashed(chart::DASHES[2]),
            ],
        )
        .with_target(target, ui.legend_target)
        .described(ui.radar_heading, ui.none_dash);
        let several = assessment.respondents.len() > 1;
        let respondents_elsewhere = crate::ui::say(
            lang,
            "respondents-in-appendix",
            &[("count", &assessment.respondents.len().to_string())],
        );
        let plan = PlanView::new(catalog, assessment, e, options.plan, lang);
        let may_read = options.audience.reads_answers();
        let many = assessment.respondents.len() > ANSWERS_IN_APPENDIX;
        let answers = if may_read && !many {
            assessment
                .respondents
                .iter()
                .map(|p| AnswerSheetView {
                    who: who(&p.name, p.position.name(lang), lang),
                    cells: catalog
                        .roles()
                        .iter()
                        .zip(&p.answers)
                        .map(|(role, a)| {
                            let side = |s: isomm_core::answers::Side| {
                                a.side(s).map_or_else(
                                    || ui.none_dash.to_string(),
                                    |l| l.get().to_string(),
                                )
                            };
                            [
                                role.id.clone(),
                                side(isomm_core::answers::Side::Insource),
                                side(isomm_core::answers::Side::Outsource),
                            ]
                        })
                        .collect(),
                    notes: catalog
                        .roles()
                        .iter()
                        .zip(&p.answers)
                        .filter_map(|(role, a)| {
                            let text = a.note.as_deref()?.trim();
                            (!text.is_empty()).then(|| [role.id.clone(), text.to_string()])
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let answers_elsewhere = if may_read && many {
            crate::ui::say(
                lang,
                "answers-in-workbook",
                &[("count", &assessment.respondents.len().to_string())],
            )
        } else {
            String::new()
        };
        let gaps_shown = if assessment.respondents.len() > MANY_RESPONDENTS {
            e.perception_gaps.len().min(GAP_ROWS_SHOWN)
        } else {
            e.perception_gaps.len()
        };
        let gaps_more = match e.perception_gaps.len() - gaps_shown {
            0 => String::new(),
            rest => say(
                lang,
                "gaps-more",
                &[
                    ("count", &rest.to_string()),
                    ("shown", &gaps_shown.to_string()),
                ],
            ),
        };
        summary.thin |= plan.top.iter().any(|l| l.thin);
        ReportView {
            ui,
            organization: assessment.organization.clone(),
            title: assessment.title.clone(),
            date: assessment.date.clone(),
            model: assessment.model.clone(),
            current: pattern_view(catalog, assessment.current_pattern, lang),
            target: pattern_view(catalog, assessment.target_pattern, lang),
            current_diagram: PatternDiagram::new(catalog, assessment.current_pattern, None, lang),
            target_diagram: PatternDiagram::new(
                catalog,
                assessment.target_pattern,
                Some(assessment.current_pattern),
                lang,
            ),
            target_level: target,
            overall: if summary.empty {
                one_decimal(None)
            } else {
                one_decimal(e.overall)
            },
            summary,
            respondents: assessment
                .respondents
                .iter()
                .zip(&e.answered)
                .map(|(r, answered)| RespondentView {
                    name: r.name.clone(),
                    position: r.position.name(lang).to_string(),
                    answered: *answered,
                })
                .collect(),
            radar,
            functions: catalog
                .functions()
                .iter()
                .zip(&e.functions)
                .enumerate()
                .map(|(i, (f, r))| FunctionRow {
                    thin: isomm_core::plan::thin_function(catalog, assessment, i),
                    id: f.id.clone(),
                    name: f.name.get(lang).to_string(),
                    phrases: f.name.phrases(lang),
                    maturity: one_decimal(r.maturity),
                    insource: one_decimal(r.insource),
                    outsource: one_decimal(r.outsource),
                    roles_counted: r.roles_counted,
                    roles_not_applicable: r.roles_not_applicable,
                })
                .collect(),
            strengths: e.strengths.iter().map(named_function).collect(),
            weaknesses: e.weaknesses.iter().map(named_function).collect(),
            strong_roles: e.strong_roles.iter().map(named_role).collect(),
            weak_roles: e.weak_roles.iter().map(named_role).collect(),
            role_charts: RoleChart::for_functions(catalog, assessment, e, lang, ui),
            mismatches: e
                .mismatches
                .iter()
                .map(|m| MismatchRow {
                    id: role(m.role).id.clone(),
                    name: role(m.role).name.get(lang).to_string(),
                    expected: m.expected.name(lang).to_string(),
                    actual: m.actual.name(lang).to_string(),
                })
                .collect(),
            plan,
            respondents_elsewhere,
            answers,
            answers_elsewhere,
            since: None,
            gaps: e
                .perception_gaps
                .iter()
                .map(|g| {
                    let levels: Vec<Option<u8>> = assessment
                        .respondents
                        .iter()
                        .map(|p| {
                            let a = &p.answers[g.role];
                            a.is_answered()
                                .then(|| isomm_core::rules::respondent_level(a))
                        })
                        .collect();
                    let at = |level: u8| who_at(assessment, g.role, level, lang);
                    let cells = if assessment.respondents.len() <= GAP_COLUMNS_PER_RESPONDENT {
                        levels
                            .iter()
                            .map(|l| GapCell {
                                text: l.map_or_else(|| "—".to_string(), |l| l.to_string()),
                                level: *l,
                            })
                            .collect()
                    } else {
                        // Per position: the range of its levels, the heat of their mean.
                        e.positions
                            .iter()
                            .map(|p| {
                                let answered: Vec<u8> = assessment
                                    .respondents
                                    .iter()
                                    .zip(&levels)
                                    .filter(|(r, _)| r.position == p.position)
                                    .filter_map(|(_, l)| *l)
                                    .collect();
                                // The levels of 1–5 as a range; decisions against the role (0)
                                // counted apart, so that a range reads as levels given.
                                let (declined, given): (Vec<u8>, Vec<u8>) =
                                    answered.iter().partition(|&&l| l == 0);
                                let mean = isomm_core::rules::mean_level(&given);
                                let range = match (given.iter().min(), given.iter().max()) {
                                    (Some(lo), Some(hi)) if lo == hi => lo.to_string(),
                                    (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
                                    _ => String::new(),
                                };
                                let apart = if declined.is_empty() {
                                    String::new()
                                } else {
                                    say(
                                        lang,
                                        "declined-in-cell",
                                        &[("count", &declined.len().to_string())],
                                    )
                                };
                                match (range.is_empty(), apart.is_empty()) {
                                    (true, true) => GapCell {
                                        text: "—".to_string(),
                                        level: None,
                                    },
                                    _ => GapCell {
                                        text: [range, apart]
                                            .into_iter()
                                            .filter(|t| !t.is_empty())
                                            .collect::<Vec<_>>()
                                            .join(" "),
                                        level: Some(mean.map_or(0, |m| m.round() as u8)),
                                    },
                                }
                            })
                            .collect()
                    };
                    let (notes, more_notes) = notes_of(assessment, g.role, lang);
                    GapRow {
                        id: role(g.role).id.clone(),
                        name: role(g.role).name.get(lang).to_string(),
                        min: g.min,
                        max: g.max,
                        spread: g.spread,
                        low: at(g.min),
                        high: at(g.max),
                        cells,
                        notes,
                        more_notes_text: more_notes_text(more_notes, lang),
                        more_notes,
                    }
                })
                .collect(),
            gaps_shown,
            gaps_more,
            gap_heads: if assessment.respondents.len() <= GAP_COLUMNS_PER_RESPONDENT {
                assessment
                    .respondents
                    .iter()
                    .map(|r| (r.name.clone(), r.position.name(lang).to_string()))
                    .collect()
            } else {
                e.positions
                    .iter()
                    .map(|p| {
                        (
                            p.position.name(lang).to_string(),
                            say(lang, "people", &[("count", &p.respondents.to_string())]),
                        )
                    })
                    .collect()
            },
            position_heads: e
                .positions
                .iter()
                .map(|p| who(p.position.name(lang), &p.respondents.to_string(), lang))
                .collect(),
            position_rows: catalog
                .functions()
                .iter()
                .enumerate()
                .map(|(i, f)| PositionFunctionRow {
                    id: f.id.clone(),
                    name: f.name.get(lang).to_string(),
                    values: e
                        .positions
                        .iter()
                        .map(|p| one_decimal(p.functions[i]))
                        .collect(),
                })
                .collect(),
            tendencies: tendencies(catalog, assessment, e, lang),
            positions_chart: PositionChart::new(catalog, e, target, lang, ui),
            several,
            role_count: catalog.roles().len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Half up after 15 significant digits, as Excel shows "0.0": the same digits in every format.
    #[test]
    fn numbers_are_rounded_as_excel_shows_them() {
        let cases = [
            (2.25, "2.3"),
            (41.0 / 20.0, "2.1"),
            (23.0 / 20.0, "1.2"),
            (4.75, "4.8"),
            (0.05, "0.1"),
            (2.0, "2.0"),
            (5.0, "5.0"),
            (0.0, "0.0"),
            (1.0 / 3.0, "0.3"),
            (10.0 / 3.0, "3.3"),
            (2.24999, "2.2"),
            (-2.25, "-2.3"),
            (0.04, "0.0"),
            (1234.56, "1234.6"),
        ];
        for (value, expected) in cases {
            assert_eq!(shown(value), expected, "{value}");
        }
        assert_eq!(one_decimal(None), "—");
    }
}
