//! The view model: everything a human-readable report shows, in one language, with numbers formatted.
//!
//! Built once from the catalog, the assessment and its evaluation; the HTML renderer (and the web
//! application's results page) only lay it out.

use isomm_core::answers::Side;
use isomm_core::rules::Evaluation;
use isomm_core::{Assessment, Catalog, Lang, evaluate};

use crate::chart::{self, RadarChart, RoleChart, Series};
use crate::ui::{Ui, ui};

/// The radar's axis labels: each function's id and name.
pub fn function_labels(catalog: &Catalog, lang: Lang) -> Vec<String> {
    catalog
        .functions()
        .iter()
        .map(|f| format!("{} {}", f.id, f.name.phrased(lang)))
        .collect()
}

/// A number as people see it: one decimal, or a dash when absent.
pub fn one_decimal(value: Option<f64>) -> String {
    match value {
        Some(v) => shown(v),
        None => "—".to_string(),
    }
}

/// A number with one decimal, rounded as Excel displays it (`spec/formats.md`): first to 15
/// significant digits, then half away from zero — 2.25 shows 2.3, and 41/20 (stored as 2.0499…)
/// shows 2.1 — so that every format shows the same digits as the workbook's "0.0" cells.
pub fn shown(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    // 15 significant digits: d.dddddddddddddde±x.
    let text = format!("{:.14e}", value.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: u64 = mantissa.replace('.', "").parse().unwrap_or(0);
    // value × 10 = digits × 10^(exponent − 13); round that to a whole number, half up.
    let shift = exponent - 13;
    let tenths: u64 = if shift >= 0 {
        digits.saturating_mul(10u64.saturating_pow(shift as u32))
    } else if shift < -18 {
        0
    } else {
        let p = 10u64.pow((-shift) as u32);
        digits / p + u64::from(digits % p >= p.div_ceil(2) && p > 1)
    };
    let sign = if value < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

pub struct PatternView {
    pub id: String,
    pub name: String,
    pub in_house: Vec<String>,
    pub outsourced: Vec<String>,
}

pub struct RespondentView {
    pub name: String,
    pub position: String,
    pub answered: usize,
}

pub struct FunctionRow {
    pub id: String,
    pub name: String,
    /// The name with its phrase breaks ([`isomm_core::Text::phrased`]), for headings and tables
    /// that wrap (HTML, PDF); spreadsheets take `name`.
    pub phrased: String,
    pub maturity: String,
    pub insource: String,
    pub outsource: String,
    pub roles_counted: usize,
    pub roles_not_applicable: usize,
}

/// A function or role named in a list (strengths, weak roles, …).
pub struct Named {
    pub id: String,
    pub name: String,
    pub value: String,
}

pub struct MismatchRow {
    pub id: String,
    pub name: String,
    pub expected: String,
    pub actual: String,
}

pub struct ImprovementRow {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub side: String,
    pub level: String,
    pub gap: String,
    pub priority: String,
    pub transition: bool,
    pub reason: String,
}

pub struct GapRow {
    pub id: String,
    pub name: String,
    pub min: u8,
    pub max: u8,
    pub spread: u8,
    /// Each respondent's level for the role ("—" when unanswered), in respondent order.
    pub levels: Vec<String>,
}

pub struct PositionRow {
    pub position: String,
    pub respondents: usize,
    pub values: Vec<String>,
}

/// The whole report, ready to lay out.
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
    pub respondents: Vec<RespondentView>,
    pub radar: RadarChart,
    pub functions: Vec<FunctionRow>,
    pub strengths: Vec<Named>,
    pub weaknesses: Vec<Named>,
    pub strong_roles: Vec<Named>,
    pub weak_roles: Vec<Named>,
    pub role_charts: Vec<RoleChart>,
    pub mismatches: Vec<MismatchRow>,
    pub improvements: Vec<ImprovementRow>,
    pub gaps: Vec<GapRow>,
    /// Function ids, the column heads of the position table.
    pub function_ids: Vec<String>,
    pub positions: Vec<PositionRow>,
    /// True when there is more than one respondent: perception gaps and positions are shown.
    pub several: bool,
    pub role_count: usize,
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

/// The message file of the plan's sentences in `lang`, compiled into the binary.
fn plan_source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Plan)
}

/// The plan's message `key` in `lang` with its arguments.
fn plan_say(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    static MESSAGES: isomm_core::messages::Live = isomm_core::messages::Live::new();
    MESSAGES.format(lang, plan_source, key, args)
}

/// Why a role is an improvement point, in a sentence.
fn reason(
    lang: Lang,
    side: Side,
    level: f64,
    present: bool,
    gap: f64,
    target: u8,
    transition: bool,
) -> String {
    let side_name = side.name(lang);
    let mut s = plan_say(
        lang,
        "reason",
        &[
            ("side", side_name),
            ("present", if present { "yes" } else { "no" }),
            ("level", &shown(level)),
            ("gap", &shown(gap)),
            ("target", &target.to_string()),
        ],
    );
    if transition {
        let from = side.other().name(lang);
        let moves = plan_say(
            lang,
            "reason-transition",
            &[("from", from), ("side", side_name)],
        );
        s.push_str(plan_say(lang, "then", &[]).as_str());
        s.push_str(&moves);
    }
    s
}

impl ReportView {
    /// Evaluates the assessment and builds its view.
    pub fn new(catalog: &Catalog, assessment: &Assessment, lang: Lang) -> ReportView {
        ReportView::from_evaluation(catalog, assessment, &evaluate(catalog, assessment), lang)
    }

    pub fn from_evaluation(
        catalog: &Catalog,
        assessment: &Assessment,
        e: &Evaluation,
        lang: Lang,
    ) -> ReportView {
        let ui = ui(lang);
        let role = |r: usize| &catalog.roles()[r];
        let function = |f: usize| &catalog.functions()[f];
        let named_function = |f: &usize| Named {
            id: function(*f).id.clone(),
            name: function(*f).name.get(lang).to_string(),
            value: one_decimal(e.functions[*f].maturity),
        };
        let named_role = |r: &usize| Named {
            id: role(*r).id.clone(),
            name: role(*r).name.get(lang).to_string(),
            value: one_decimal(e.roles[*r].level),
        };
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
                ),
                Series::new(
                    ui.series_outsource,
                    chart::OUTSOURCE,
                    e.functions.iter().map(|f| f.outsource).collect(),
                ),
            ],
        );
        let several = assessment.respondents.len() > 1;
        ReportView {
            ui,
            organization: assessment.organization.clone(),
            title: assessment.title.clone(),
            date: assessment.date.clone(),
            model: assessment.model.clone(),
            current: pattern_view(catalog, assessment.current_pattern, lang),
            target: pattern_view(catalog, assessment.target_pattern, lang),
            target_level: assessment.target_level.get(),
            overall: one_decimal(e.overall),
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
                .map(|(f, r)| FunctionRow {
                    id: f.id.clone(),
                    name: f.name.get(lang).to_string(),
                    phrased: f.name.phrased(lang).into_owned(),
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
            role_charts: RoleChart::for_functions(
                catalog,
                e,
                assessment.target_level.get(),
                lang,
                ui,
            ),
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
            improvements: e
                .improvements
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let r = &e.roles[p.role];
                    let present = match p.side {
                        Side::Insource => r.insource.is_some(),
                        Side::Outsource => r.outsource.is_some(),
                    };
                    ImprovementRow {
                        rank: i + 1,
                        id: role(p.role).id.clone(),
                        name: role(p.role).name.get(lang).to_string(),
                        side: p.side.name(lang).to_string(),
                        level: one_decimal(Some(p.level)),
                        gap: one_decimal(Some(p.gap)),
                        priority: one_decimal(Some(p.priority)),
                        transition: p.transition,
                        reason: reason(
                            lang,
                            p.side,
                            p.level,
                            present,
                            p.gap,
                            assessment.target_level.get(),
                            p.transition,
                        ),
                    }
                })
                .collect(),
            gaps: e
                .perception_gaps
                .iter()
                .map(|g| GapRow {
                    id: role(g.role).id.clone(),
                    name: role(g.role).name.get(lang).to_string(),
                    min: g.min,
                    max: g.max,
                    spread: g.spread,
                    levels: assessment
                        .respondents
                        .iter()
                        .map(|p| {
                            let a = &p.answers[g.role];
                            if a.is_answered() {
                                isomm_core::rules::respondent_level(a).to_string()
                            } else {
                                "—".to_string()
                            }
                        })
                        .collect(),
                })
                .collect(),
            function_ids: catalog.functions().iter().map(|f| f.id.clone()).collect(),
            positions: e
                .positions
                .iter()
                .map(|p| PositionRow {
                    position: p.position.name(lang).to_string(),
                    respondents: p.respondents,
                    values: p.functions.iter().map(|v| one_decimal(*v)).collect(),
                })
                .collect(),
            several,
            role_count: catalog.roles().len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask_all(m: &mut isomm_core::messages::Messages) {
        for present in ["yes", "no"] {
            let args = [
                ("side", "s"),
                ("present", present),
                ("level", "1.0"),
                ("gap", "2.0"),
                ("target", "4"),
            ];
            m.format("reason", &args);
        }
        m.format("reason-transition", &[("from", "f"), ("side", "s")]);
        m.format("then", &[]);
    }

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

    #[test]
    fn every_plan_sentence_is_in_every_language() {
        assert_eq!(
            isomm_core::messages::problems(plan_source, ask_all),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reasons_read_as_sentences() {
        let ja = reason(Lang::Ja, Side::Insource, 2.26, true, 1.74, 4, true);
        assert_eq!(
            ja,
            "インソース側は現状 2.3で、目標レベル 4 まであと 1.7。目標のパターンでは実施形態がアウトソースからインソースに変わります。"
        );
        let en = reason(Lang::En, Side::Outsource, 1.0, false, 3.0, 4, false);
        assert_eq!(
            en,
            "Outsource side: no answer (counted as 1.0), 3.0 below the target level 4."
        );
    }
}
