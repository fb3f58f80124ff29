//! The result document `isomm-result/1` of formats.md, field for field.

use isomm_core::answers::Side;
use isomm_core::plan::{Action, PlanOptions};
use isomm_core::rules::Evaluation;
use isomm_core::{Area, Assessment, Catalog};
use serde::Serialize;

pub const RESULT_FORMAT: &str = "isomm-result/1";

#[derive(Serialize, Debug, PartialEq)]
pub struct ResultDocument<'a> {
    pub format: &'static str,
    pub model: &'a str,
    pub organization: &'a str,
    pub title: &'a str,
    /// The assessment's date, `null` when it has none.
    pub date: Option<&'a str>,
    pub current_pattern: &'a str,
    pub target_pattern: &'a str,
    pub target_level: u8,
    pub overall: Option<f64>,
    pub functions: Vec<FunctionDoc<'a>>,
    pub roles: Vec<RoleDoc<'a>>,
    pub strengths: Vec<&'a str>,
    pub weaknesses: Vec<&'a str>,
    pub strong_roles: Vec<&'a str>,
    pub weak_roles: Vec<&'a str>,
    pub mismatches: Vec<MismatchDoc<'a>>,
    pub improvements: Vec<ImprovementDoc<'a>>,
    pub perception_gaps: Vec<GapDoc<'a>>,
    pub positions: Vec<PositionDoc<'a>>,
    pub respondents: Vec<RespondentDoc<'a>>,
    /// The improvement plan as people read it (`--plan-size`, `--plan-min-gap`): R10's points at
    /// or above the threshold, in shown order (group by group, then the folded ones); `improvements` keeps R10's full list. Last, as a
    /// field added after the others (formats.md: fields are added, never moved).
    pub plan: Vec<PlanDoc<'a>>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct FunctionDoc<'a> {
    pub id: &'a str,
    pub maturity: Option<f64>,
    pub insource: Option<f64>,
    pub outsource: Option<f64>,
    pub roles_counted: usize,
    pub roles_not_applicable: usize,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct RoleDoc<'a> {
    pub id: &'a str,
    pub function: &'a str,
    pub area: Area,
    pub level: Option<f64>,
    pub insource: Option<f64>,
    pub outsource: Option<f64>,
    pub unanswered: usize,
    /// C6: the respondents who answered at least one side, and the spread of their levels.
    pub answering: usize,
    pub spread: Option<u8>,
    pub expected_current: &'static str,
    pub expected_target: &'static str,
    /// The respondents' notes on this role, in respondent order.
    pub notes: Vec<NoteDoc<'a>>,
}

/// One respondent's note on a role.
#[derive(Serialize, Debug, PartialEq)]
pub struct NoteDoc<'a> {
    pub respondent: &'a str,
    pub position: &'static str,
    pub text: &'a str,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct MismatchDoc<'a> {
    pub role: &'a str,
    pub expected: &'static str,
    pub actual: &'static str,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct ImprovementDoc<'a> {
    pub role: &'a str,
    pub side: &'static str,
    pub level: f64,
    pub gap: f64,
    pub transition: bool,
    pub priority: f64,
}

/// One line of the plan, shown or folded.
#[derive(Serialize, Debug, PartialEq)]
pub struct PlanDoc<'a> {
    /// 1..N across the groups, then on through the folded lines.
    pub rank: usize,
    pub role: &'a str,
    pub side: &'static str,
    pub action: &'static str,
    pub gap: f64,
    pub priority: f64,
    /// Beyond `--plan-size`: listed after the plan.
    pub folded: bool,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct GapDoc<'a> {
    pub role: &'a str,
    pub min: u8,
    pub max: u8,
    pub spread: u8,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct PositionDoc<'a> {
    pub position: &'static str,
    pub respondents: usize,
    pub functions: Vec<PositionFunctionDoc<'a>>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct PositionFunctionDoc<'a> {
    pub id: &'a str,
    pub maturity: Option<f64>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct RespondentDoc<'a> {
    pub name: &'a str,
    pub position: &'static str,
    pub answered: usize,
}

fn side(s: Side) -> &'static str {
    s.as_str()
}

impl<'a> ResultDocument<'a> {
    pub fn new(
        catalog: &'a Catalog,
        assessment: &'a Assessment,
        e: &Evaluation,
        plan: PlanOptions,
    ) -> ResultDocument<'a> {
        let role = |r: usize| catalog.roles()[r].id.as_str();
        let selection = isomm_core::plan::select(catalog, e, plan);
        let function = |f: usize| catalog.functions()[f].id.as_str();
        ResultDocument {
            format: RESULT_FORMAT,
            model: catalog.model(),
            organization: &assessment.organization,
            title: &assessment.title,
            date: assessment.date.as_deref(),
            current_pattern: &catalog.patterns()[assessment.current_pattern].id,
            target_pattern: &catalog.patterns()[assessment.target_pattern].id,
            target_level: assessment.target_level.get(),
            overall: e.overall,
            functions: e
                .functions
                .iter()
                .enumerate()
                .map(|(f, r)| FunctionDoc {
                    id: function(f),
                    maturity: r.maturity,
                    insource: r.insource,
                    outsource: r.outsource,
                    roles_counted: r.roles_counted,
                    roles_not_applicable: r.roles_not_applicable,
                })
                .collect(),
            roles: e
                .roles
                .iter()
                .enumerate()
                .map(|(i, r)| RoleDoc {
                    id: role(i),
                    function: function(catalog.roles()[i].function),
                    area: r.area,
                    level: r.level,
                    insource: r.insource,
                    outsource: r.outsource,
                    unanswered: r.unanswered,
                    answering: r.answering,
                    spread: r.spread,
                    expected_current: side(r.expected_current),
                    expected_target: side(r.expected_target),
                    notes: assessment
                        .respondents
                        .iter()
                        .filter_map(|p| {
                            p.answers[i].note.as_deref().map(|text| NoteDoc {
                                respondent: &p.name,
                                position: p.position.as_str(),
                                text,
                            })
                        })
                        .collect(),
                })
                .collect(),
            strengths: e.strengths.iter().map(|f| function(*f)).collect(),
            weaknesses: e.weaknesses.iter().map(|f| function(*f)).collect(),
            strong_roles: e.strong_roles.iter().map(|r| role(*r)).collect(),
            weak_roles: e.weak_roles.iter().map(|r| role(*r)).collect(),
            mismatches: e
                .mismatches
                .iter()
                .map(|m| MismatchDoc {
                    role: role(m.role),
                    expected: side(m.expected),
                    actual: side(m.actual),
                })
                .collect(),
            improvements: e
                .improvements
                .iter()
                .map(|i| ImprovementDoc {
                    role: role(i.role),
                    side: side(i.side),
                    level: i.level,
                    gap: i.gap,
                    transition: i.transition,
                    priority: i.priority,
                })
                .collect(),
            perception_gaps: e
                .perception_gaps
                .iter()
                .map(|g| GapDoc {
                    role: role(g.role),
                    min: g.min,
                    max: g.max,
                    spread: g.spread,
                })
                .collect(),
            positions: e
                .positions
                .iter()
                .map(|p| PositionDoc {
                    position: p.position.as_str(),
                    respondents: p.respondents,
                    functions: p
                        .functions
                        .iter()
                        .enumerate()
                        .map(|(f, m)| PositionFunctionDoc {
                            id: function(f),
                            maturity: *m,
                        })
                        .collect(),
                })
                .collect(),
            respondents: assessment
                .respondents
                .iter()
                .zip(&e.answered)
                .map(|(r, answered)| RespondentDoc {
                    name: &r.name,
                    position: r.position.as_str(),
                    answered: *answered,
                })
                .collect(),
            // In shown order: group by group as the plan shows them, then the folded lines.
            plan: selection
                .groups(e)
                .iter()
                .flat_map(|g| g.points.iter().map(|&i| (i, false)))
                .chain(selection.folded.iter().map(|&i| (i, true)))
                .map(|(i, folded)| {
                    let p = &e.improvements[i];
                    PlanDoc {
                        rank: selection.rank(i).unwrap_or_default(),
                        role: role(p.role),
                        side: side(p.side),
                        action: Action::of(e, p).as_str(),
                        gap: p.gap,
                        priority: p.priority,
                        folded,
                    }
                })
                .collect(),
        }
    }
}
