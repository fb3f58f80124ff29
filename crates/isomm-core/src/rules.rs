//! The scoring rules R1–R12 of spec/model.md: pure functions from an assessment to one [`Evaluation`].
//!
//! Each rule is a small function named after it. Nothing here can fail: indexes come from a
//! catalog-checked [`Assessment`], and an empty assessment simply gives null results.

use crate::answers::{Answer, Assessment, Position, Respondent, Side};
use crate::catalog::{Area, Catalog};

/// Two means closer than this are equal (ties are then broken by catalog order).
const EPSILON: f64 = 1e-9;

#[derive(Clone, Debug, PartialEq)]
pub struct FunctionResult {
    pub maturity: Option<f64>,
    pub insource: Option<f64>,
    pub outsource: Option<f64>,
    /// Roles whose level is not null.
    pub roles_counted: usize,
    /// Roles whose level is null (every respondent answered 0).
    pub roles_not_applicable: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoleResult {
    pub area: Area,
    pub level: Option<f64>,
    pub insource: Option<f64>,
    pub outsource: Option<f64>,
    /// Respondents who left the role unanswered.
    pub unanswered: usize,
    /// C6: respondents who answered at least one side.
    pub answering: usize,
    /// C6: max − min of their levels (0 included); `None` with fewer than 2 of them.
    pub spread: Option<u8>,
    pub expected_current: Side,
    pub expected_target: Side,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    pub role: usize,
    pub expected: Side,
    pub actual: Side,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Improvement {
    pub role: usize,
    pub side: Side,
    /// L of rule R10: the consolidated value of the expected side, 1.0 when absent.
    pub level: f64,
    pub gap: f64,
    pub transition: bool,
    pub priority: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PerceptionGap {
    pub role: usize,
    pub min: u8,
    pub max: u8,
    pub spread: u8,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PositionResult {
    pub position: Position,
    pub respondents: usize,
    /// Maturity of every function, in catalog order (R4–R6 over this position's respondents).
    pub functions: Vec<Option<f64>>,
}

/// Everything the rules compute for one assessment. Indexes refer to the catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub overall: Option<f64>,
    pub functions: Vec<FunctionResult>,
    pub roles: Vec<RoleResult>,
    pub strengths: Vec<usize>,
    pub weaknesses: Vec<usize>,
    pub strong_roles: Vec<usize>,
    pub weak_roles: Vec<usize>,
    pub mismatches: Vec<Mismatch>,
    pub improvements: Vec<Improvement>,
    pub perception_gaps: Vec<PerceptionGap>,
    pub positions: Vec<PositionResult>,
    /// Per respondent, in input order: the number of roles answered on at least one side.
    pub answered: Vec<usize>,
}

fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// R1: a respondent's level for a role: the higher answered side, or 1 when unanswered.
pub fn respondent_level(answer: &Answer) -> u8 {
    match (answer.insource, answer.outsource) {
        (None, None) => 1,
        (a, b) => a.max(b).map_or(1, |l| l.get()),
    }
}

/// R3: a respondent's value on one side, when it is 1..5.
pub fn respondent_side(answer: &Answer, side: Side) -> Option<u8> {
    answer.side(side).map(|l| l.get()).filter(|v| *v > 0)
}

/// R4 and R5 for one role over a set of respondents: (level, insource, outsource).
fn consolidate_role(
    respondents: &[&Respondent],
    role: usize,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let answers = || respondents.iter().filter_map(move |p| p.answers.get(role));
    // R2: a level of 0 takes no part in the mean.
    let level = mean(
        answers()
            .map(respondent_level)
            .filter(|l| *l > 0)
            .map(f64::from),
    );
    let side = |s| {
        mean(
            answers()
                .filter_map(|a| respondent_side(a, s))
                .map(f64::from),
        )
    };
    (level, side(Side::Insource), side(Side::Outsource))
}

/// R6 for one function from per-role values: the mean over the roles where the value is present.
fn function_mean(catalog: &Catalog, function: usize, values: &[Option<f64>]) -> Option<f64> {
    mean(
        catalog.functions()[function]
            .roles
            .clone()
            .filter_map(|r| values[r]),
    )
}

/// R4–R6 over a group of respondents: the maturity of every function, in catalog order. For one
/// respondent this is what their answers alone give; the cost is linear in the group's answers.
pub fn group_functions(catalog: &Catalog, group: &[&Respondent]) -> Vec<Option<f64>> {
    let levels: Vec<Option<f64>> = (0..catalog.roles().len())
        .map(|r| consolidate_role(group, r).0)
        .collect();
    (0..catalog.functions().len())
        .map(|f| function_mean(catalog, f, &levels))
        .collect()
}

/// R7 over a group of respondents: the mean level of every role that is not null for the group.
pub fn group_overall(catalog: &Catalog, group: &[&Respondent]) -> Option<f64> {
    mean((0..catalog.roles().len()).filter_map(|r| consolidate_role(group, r).0))
}

/// The mean of `insource(r)` and of `outsource(r)` (R5) over the roles that have them: whether
/// outsourced roles score higher than in-house ones (the seed's tendency).
pub fn side_means(e: &Evaluation) -> (Option<f64>, Option<f64>) {
    (
        mean(e.roles.iter().filter_map(|r| r.insource)),
        mean(e.roles.iter().filter_map(|r| r.outsource)),
    )
}

/// The mean of some respondents' levels (R1) for a role: the heat of a position's cell among the
/// perception gaps.
pub fn mean_level(levels: &[u8]) -> Option<f64> {
    mean(levels.iter().map(|&l| f64::from(l)))
}

/// R8: strengths and weaknesses among functions, ties in catalog order.
fn strengths_and_weaknesses(maturity: &[Option<f64>]) -> (Vec<usize>, Vec<usize>) {
    let mut present: Vec<(usize, f64)> = maturity
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.map(|m| (i, m)))
        .collect();
    // Stable sorts keep catalog order among ties.
    present.sort_by(|a, b| {
        if (a.1 - b.1).abs() < EPSILON {
            std::cmp::Ordering::Equal
        } else {
            b.1.total_cmp(&a.1)
        }
    });
    let strengths: Vec<usize> = present.iter().take(3).map(|(i, _)| *i).collect();
    let mut rest: Vec<(usize, f64)> = present
        .into_iter()
        .filter(|(i, _)| !strengths.contains(i))
        .collect();
    rest.sort_by_key(|(i, _)| *i);
    rest.sort_by(|a, b| {
        if (a.1 - b.1).abs() < EPSILON {
            std::cmp::Ordering::Equal
        } else {
            a.1.total_cmp(&b.1)
        }
    });
    let weaknesses = rest.into_iter().take(3).map(|(i, _)| i).collect();
    (strengths, weaknesses)
}

/// The side a role is expected to be done on under a pattern (model.md §2).
pub fn expected_side(catalog: &Catalog, pattern: usize, area: Area) -> Side {
    match catalog.patterns().get(pattern) {
        Some(p) if p.insources(area) => Side::Insource,
        _ => Side::Outsource,
    }
}

/// Applies R1–R12 to an assessment.
pub fn evaluate(catalog: &Catalog, assessment: &Assessment) -> Evaluation {
    let everyone: Vec<&Respondent> = assessment.respondents.iter().collect();
    let role_count = catalog.roles().len();

    // R4, R5 and the per-role facts.
    let roles: Vec<RoleResult> = (0..role_count)
        .map(|r| {
            let (level, insource, outsource) = consolidate_role(&everyone, r);
            let area = assessment.area(catalog, r);
            // C6: the levels of those who answered the role.
            let answered: Vec<u8> = everyone
                .iter()
                .filter_map(|p| p.answers.get(r))
                .filter(|a| a.is_answered())
                .map(respondent_level)
                .collect();
            let spread = match (answered.iter().min(), answered.iter().max()) {
                (Some(min), Some(max)) if answered.len() >= 2 => Some(max - min),
                _ => None,
            };
            RoleResult {
                area,
                level,
                insource,
                outsource,
                unanswered: everyone.len() - answered.len(),
                answering: answered.len(),
                spread,
                expected_current: expected_side(catalog, assessment.current_pattern, area),
                expected_target: expected_side(catalog, assessment.target_pattern, area),
            }
        })
        .collect();

    // R6.
    let levels: Vec<Option<f64>> = roles.iter().map(|r| r.level).collect();
    let insources: Vec<Option<f64>> = roles.iter().map(|r| r.insource).collect();
    let outsources: Vec<Option<f64>> = roles.iter().map(|r| r.outsource).collect();
    let functions: Vec<FunctionResult> = (0..catalog.functions().len())
        .map(|f| {
            let range = catalog.functions()[f].roles.clone();
            let counted = range.clone().filter(|r| levels[*r].is_some()).count();
            FunctionResult {
                maturity: function_mean(catalog, f, &levels),
                insource: function_mean(catalog, f, &insources),
                outsource: function_mean(catalog, f, &outsources),
                roles_counted: counted,
                roles_not_applicable: range.len() - counted,
            }
        })
        .collect();

    // R7: the mean over roles, not over functions.
    let overall = mean(levels.iter().flatten().copied());

    // R8.
    let maturity: Vec<Option<f64>> = functions.iter().map(|f| f.maturity).collect();
    let (strengths, weaknesses) = strengths_and_weaknesses(&maturity);
    let strong_roles = (0..role_count)
        .filter(|r| levels[*r].is_some_and(|l| l >= 4.0 - EPSILON))
        .collect();
    let weak_roles = (0..role_count)
        .filter(|r| levels[*r].is_some_and(|l| l <= 2.0 + EPSILON))
        .collect();

    // R9.
    let value = |role: &RoleResult, side: Side| match side {
        Side::Insource => role.insource,
        Side::Outsource => role.outsource,
    };
    let mismatches = roles
        .iter()
        .enumerate()
        .filter(|(_, role)| role.level.is_some())
        .filter_map(|(r, role)| {
            let expected = role.expected_current;
            (value(role, expected).is_none() && value(role, expected.other()).is_some()).then_some(
                Mismatch {
                    role: r,
                    expected,
                    actual: expected.other(),
                },
            )
        })
        .collect();

    // R10.
    let target = f64::from(assessment.target_level.get());
    let mut improvements: Vec<Improvement> = roles
        .iter()
        .enumerate()
        .filter(|(_, role)| role.level.is_some())
        .filter_map(|(r, role)| {
            let side = role.expected_target;
            let level = value(role, side).unwrap_or(1.0);
            let gap = target - level;
            let transition = role.expected_current != role.expected_target;
            (gap > EPSILON).then_some(Improvement {
                role: r,
                side,
                level,
                gap,
                transition,
                priority: gap + if transition { 1.0 } else { 0.0 },
            })
        })
        .collect();
    improvements.sort_by(|a, b| {
        if (a.priority - b.priority).abs() < EPSILON {
            a.role.cmp(&b.role)
        } else {
            b.priority.total_cmp(&a.priority)
        }
    });

    // R11.
    let mut perception_gaps: Vec<PerceptionGap> = (0..role_count)
        .filter_map(|r| {
            let answered: Vec<u8> = everyone
                .iter()
                .filter_map(|p| p.answers.get(r))
                .filter(|a| a.is_answered())
                .map(respondent_level)
                .collect();
            let (min, max) = (*answered.iter().min()?, *answered.iter().max()?);
            (answered.len() >= 2 && max - min >= 2).then_some(PerceptionGap {
                role: r,
                min,
                max,
                spread: max - min,
            })
        })
        .collect();
    perception_gaps.sort_by(|a, b| b.spread.cmp(&a.spread).then(a.role.cmp(&b.role)));

    // R12.
    let positions = Position::ALL
        .into_iter()
        .filter_map(|position| {
            let group: Vec<&Respondent> = everyone
                .iter()
                .copied()
                .filter(|p| p.position == position)
                .collect();
            if group.is_empty() {
                return None;
            }
            Some(PositionResult {
                position,
                respondents: group.len(),
                functions: group_functions(catalog, &group),
            })
        })
        .collect();

    Evaluation {
        overall,
        functions,
        roles,
        strengths,
        weaknesses,
        strong_roles,
        weak_roles,
        mismatches,
        improvements,
        perception_gaps,
        positions,
        answered: assessment
            .respondents
            .iter()
            .map(Respondent::answered)
            .collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
