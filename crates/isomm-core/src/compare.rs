//! Comparing two rounds of one organisation: rules C1–C6 of `spec/model.md` §6 (docs/rules.md).
//!
//! A comparison is a function of two results ([`Round`]: what a result document carries), so a
//! closed round, a downloaded result and a fresh one compare alike. Statuses are judged on the
//! delta as people read it (rounded as shown, [`crate::rounding::tenths`]), so a status always
//! agrees with the number beside it. Nothing here can fail but the check of C1.

use crate::answers::Side;
use crate::rounding::tenths;

/// One round's result, as the comparison reads it (a result document's fields, by id).
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    pub model: String,
    pub target_level: u8,
    /// Respondents the result was computed from.
    pub respondents: usize,
    pub overall: Option<f64>,
    /// Every function of the model, in catalog order.
    pub functions: Vec<RoundFunction>,
    /// Every role of the model, in catalog order.
    pub roles: Vec<RoundRole>,
    /// R10's improvement points, in R10's order.
    pub improvements: Vec<RoundPoint>,
    /// The plan lines people were shown (not folded): role and side, as a set (sorted by role,
    /// then side: only membership counts, C5's `in_plan`).
    pub plan: Vec<(String, Side)>,
}

impl Round {
    /// The round an evaluation of `assessment` makes (as its result document would carry it),
    /// with the plan `options` it was shown with.
    pub fn of(
        catalog: &crate::Catalog,
        assessment: &crate::Assessment,
        e: &crate::Evaluation,
        options: crate::PlanOptions,
    ) -> Round {
        let selection = crate::plan::select(catalog, e, options);
        let role_id = |r: usize| catalog.roles()[r].id.clone();
        Round {
            model: catalog.model().to_string(),
            target_level: assessment.target_level.get(),
            respondents: assessment.respondents.len(),
            overall: e.overall,
            functions: catalog
                .functions()
                .iter()
                .zip(&e.functions)
                .map(|(f, r)| RoundFunction {
                    id: f.id.clone(),
                    maturity: r.maturity,
                    insource: r.insource,
                    outsource: r.outsource,
                })
                .collect(),
            roles: catalog
                .roles()
                .iter()
                .zip(&e.roles)
                .map(|(role, r)| RoundRole {
                    id: role.id.clone(),
                    function: catalog.functions()[role.function].id.clone(),
                    level: r.level,
                    insource: r.insource,
                    outsource: r.outsource,
                    answering: r.answering,
                    spread: r.spread,
                })
                .collect(),
            improvements: e
                .improvements
                .iter()
                .map(|p| RoundPoint {
                    role: role_id(p.role),
                    side: p.side,
                    level: p.level,
                })
                .collect(),
            plan: plan_set(
                selection
                    .shown
                    .iter()
                    .map(|&i| (role_id(e.improvements[i].role), e.improvements[i].side))
                    .collect(),
            ),
        }
    }
}

/// Plan lines as [`Round::plan`] keeps them: sorted by role, then side.
pub fn plan_set(mut lines: Vec<(String, Side)>) -> Vec<(String, Side)> {
    lines.sort_by(|a, b| (&a.0, a.1.as_str()).cmp(&(&b.0, b.1.as_str())));
    lines
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoundFunction {
    pub id: String,
    pub maturity: Option<f64>,
    pub insource: Option<f64>,
    pub outsource: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoundRole {
    pub id: String,
    pub function: String,
    /// `None` for a role not applicable (every respondent answered 0).
    pub level: Option<f64>,
    pub insource: Option<f64>,
    pub outsource: Option<f64>,
    /// C6: respondents who answered at least one side, and the spread of their levels.
    pub answering: usize,
    pub spread: Option<u8>,
}

/// An improvement point of R10: role, side and its level L.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundPoint {
    pub role: String,
    pub side: Side,
    pub level: f64,
}

/// C5: a round's value of `side` for a role (1 when absent, as in R10); `None` when the role is
/// not applicable there, or not in the round.
pub fn side_level(role: Option<&RoundRole>, side: Side) -> Option<f64> {
    role.filter(|r| r.level.is_some()).map(|r| {
        match side {
            Side::Insource => r.insource,
            Side::Outsource => r.outsource,
        }
        .unwrap_or(1.0)
    })
}

/// C5: does `level`, rounded as shown, reach `target` (false when there is none)?
pub fn reaches(level: Option<f64>, target: u8) -> bool {
    level.is_some_and(|v| tenths(v) >= i64::from(target) * 10)
}

/// C3's threshold, in tenths: one decimal from 0.1 to 5.0 (default 0.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold(u8);

impl Default for Threshold {
    fn default() -> Threshold {
        Threshold(5)
    }
}

impl Threshold {
    /// A threshold as typed (`0.5`, `1`, `0,5`); `None` outside 0.1..=5.0 or with more than one
    /// decimal.
    pub fn parse(text: &str) -> Option<Threshold> {
        let text = text.trim().replace(',', ".");
        let (whole, decimal) = text.split_once('.').unwrap_or((&text, "0"));
        // "0.10" is one decimal written with two; "1." is not a number.
        let decimal = match decimal.trim_end_matches('0') {
            "" if !decimal.is_empty() => "0",
            d => d,
        };
        if whole.is_empty()
            || decimal.len() != 1
            || !whole
                .bytes()
                .chain(decimal.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let tenths = whole.parse::<u32>().ok()? * 10 + decimal.parse::<u32>().ok()?;
        (1..=50)
            .contains(&tenths)
            .then_some(Threshold(tenths as u8))
    }

    pub fn tenths(self) -> u8 {
        self.0
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

/// C3: how a value changed between the rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Improved,
    Declined,
    Unchanged,
    /// Present only in the later round (the role became applicable).
    New,
    /// Present only in the earlier round.
    Dropped,
    /// Present in neither.
    None,
    /// A role nobody answered in one of the rounds: its level there is R1's default, not an answer.
    Unanswered,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Improved => "improved",
            Status::Declined => "declined",
            Status::Unchanged => "unchanged",
            Status::New => "new",
            Status::Dropped => "dropped",
            Status::None => "none",
            Status::Unanswered => "unanswered",
        }
    }
}

/// A value in both rounds and C2's delta (null unless both are present); serialised as the
/// comparison document writes it (`{"earlier", "later", "delta"}`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Change {
    pub earlier: Option<f64>,
    pub later: Option<f64>,
    pub delta: Option<f64>,
}

impl Change {
    fn of(earlier: Option<f64>, later: Option<f64>) -> Change {
        Change {
            earlier,
            later,
            delta: earlier.zip(later).map(|(e, l)| l - e),
        }
    }

    /// C3 on this change (not for a role nobody answered: see [`compare`]).
    fn status(&self, t: Threshold) -> Status {
        match (self.earlier, self.later, self.delta) {
            (_, _, Some(d)) => {
                let (d, t) = (tenths(d), i64::from(t.0));
                if d >= t {
                    Status::Improved
                } else if d <= -t {
                    Status::Declined
                } else {
                    Status::Unchanged
                }
            }
            (None, Some(_), _) => Status::New,
            (Some(_), None, _) => Status::Dropped,
            _ => Status::None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunctionChange {
    pub id: String,
    /// C3 on `maturity`.
    pub status: Status,
    pub maturity: Change,
    pub insource: Change,
    pub outsource: Change,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoleChange {
    pub id: String,
    /// C3 on `level`.
    pub status: Status,
    pub level: Change,
    pub insource: Change,
    pub outsource: Change,
}

/// C5: what became of an earlier improvement point.
#[derive(Clone, Debug, PartialEq)]
pub struct FollowUp {
    pub role: String,
    pub side: Side,
    pub earlier_level: f64,
    /// The later value of that side (1 when absent, as in R10); `None` when the role is not
    /// applicable in the later round.
    pub later_level: Option<f64>,
    /// The earlier round's target level.
    pub target_level: u8,
    /// `later_level`, rounded as shown, is at least the target.
    pub reached: bool,
    /// The point was one of the earlier round's shown plan lines.
    pub in_plan: bool,
}

/// C6: a role whose perception spread is 2 or more in either round.
#[derive(Clone, Debug, PartialEq)]
pub struct PerceptionChange {
    pub role: String,
    pub earlier_spread: Option<u8>,
    pub later_spread: Option<u8>,
}

/// Rules C1–C6 applied to two rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub threshold: Threshold,
    pub overall: Change,
    pub overall_status: Status,
    pub functions: Vec<FunctionChange>,
    pub roles: Vec<RoleChange>,
    /// C4: up to 5 roles each, by their ids.
    pub most_improved: Vec<String>,
    pub most_declined: Vec<String>,
    pub plan_follow_up: Vec<FollowUp>,
    pub perception: Vec<PerceptionChange>,
}

/// C1: why two results cannot be compared, naming what differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Incomparable {
    Model {
        earlier: String,
        later: String,
    },
    Functions {
        earlier: Vec<String>,
        later: Vec<String>,
    },
    /// The first role that is not the same (present in one only, or in another function).
    Role {
        role: String,
        earlier_function: Option<String>,
        later_function: Option<String>,
    },
}

/// The most roles C4 lists each way.
pub const MOST: usize = 5;
/// C6: a spread listed from this size.
pub const SPREAD_LISTED: u8 = 2;

/// What C1 compares of a round or a model: its id, its functions and each role's function.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Shape {
    model: String,
    functions: Vec<String>,
    /// Role id and its function's id, in order.
    roles: Vec<(String, String)>,
}

impl Shape {
    fn of_round(r: &Round) -> Shape {
        Shape {
            model: r.model.clone(),
            functions: r.functions.iter().map(|f| f.id.clone()).collect(),
            roles: r
                .roles
                .iter()
                .map(|x| (x.id.clone(), x.function.clone()))
                .collect(),
        }
    }

    fn of_catalog(c: &crate::Catalog) -> Shape {
        Shape {
            model: c.model().to_string(),
            functions: c.functions().iter().map(|f| f.id.clone()).collect(),
            roles: c
                .roles()
                .iter()
                .map(|x| (x.id.clone(), c.functions()[x.function].id.clone()))
                .collect(),
        }
    }

    /// The function of `role`, when it is there once.
    fn function_of(&self, role: &str) -> Option<String> {
        let mut found = self.roles.iter().filter(|(id, _)| id == role);
        match (found.next(), found.next()) {
            (Some((_, f)), None) => Some(f.clone()),
            _ => None,
        }
    }
}

/// C1: the same model id, function ids and roles in the same functions.
fn comparable(earlier: &Shape, later: &Shape) -> Result<(), Incomparable> {
    if earlier.model != later.model {
        return Err(Incomparable::Model {
            earlier: earlier.model.clone(),
            later: later.model.clone(),
        });
    }
    if earlier.functions != later.functions {
        return Err(Incomparable::Functions {
            earlier: earlier.functions.clone(),
            later: later.functions.clone(),
        });
    }
    // A role in one only, in another function, or listed twice.
    for (role, _) in earlier.roles.iter().chain(&later.roles) {
        let (e, l) = (earlier.function_of(role), later.function_of(role));
        if e.is_none() || e != l {
            return Err(Incomparable::Role {
                role: role.clone(),
                earlier_function: e,
                later_function: l,
            });
        }
    }
    Ok(())
}

/// C1 against a model: whether `round` is a result of `catalog` (its names can label it). The
/// model is the "earlier" side of the answer.
pub fn fits(catalog: &crate::Catalog, round: &Round) -> Result<(), Incomparable> {
    comparable(&Shape::of_catalog(catalog), &Shape::of_round(round))
}

/// Rules C1–C6: the later round against the earlier one, with threshold `t`.
pub fn compare(earlier: &Round, later: &Round, t: Threshold) -> Result<Comparison, Incomparable> {
    comparable(&Shape::of_round(earlier), &Shape::of_round(later))?;
    let overall = Change::of(earlier.overall, later.overall);
    let functions: Vec<FunctionChange> = earlier
        .functions
        .iter()
        .zip(&later.functions)
        .map(|(e, l)| {
            let maturity = Change::of(e.maturity, l.maturity);
            FunctionChange {
                id: e.id.clone(),
                status: maturity.status(t),
                maturity,
                insource: Change::of(e.insource, l.insource),
                outsource: Change::of(e.outsource, l.outsource),
            }
        })
        .collect();
    // Roles in the later round's (catalog) order, each found by id in the earlier one.
    let roles: Vec<RoleChange> = later
        .roles
        .iter()
        .filter_map(|l| {
            let e = earlier.roles.iter().find(|e| e.id == l.id)?;
            let level = Change::of(e.level, l.level);
            let status = if e.answering == 0 || l.answering == 0 {
                Status::Unanswered
            } else {
                level.status(t)
            };
            Some(RoleChange {
                id: l.id.clone(),
                status,
                level,
                insource: Change::of(e.insource, l.insource),
                outsource: Change::of(e.outsource, l.outsource),
            })
        })
        .collect();
    // C4: by the delta as shown, ties in catalog order (a stable sort keeps it).
    let most = |wanted: Status, sign: i64| {
        let mut found: Vec<(i64, &RoleChange)> = roles
            .iter()
            .filter(|r| r.status == wanted)
            .map(|r| (sign * tenths(r.level.delta.unwrap_or(0.0)), r))
            .collect();
        found.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
        found
            .into_iter()
            .take(MOST)
            .map(|(_, r)| r.id.clone())
            .collect::<Vec<_>>()
    };
    let most_improved = most(Status::Improved, 1);
    let most_declined = most(Status::Declined, -1);
    // C5.
    let plan_follow_up = earlier
        .improvements
        .iter()
        .map(|p| {
            let later_level = side_level(later.roles.iter().find(|r| r.id == p.role), p.side);
            FollowUp {
                role: p.role.clone(),
                side: p.side,
                earlier_level: p.level,
                later_level,
                target_level: earlier.target_level,
                reached: reaches(later_level, earlier.target_level),
                in_plan: earlier
                    .plan
                    .iter()
                    .any(|(role, side)| *role == p.role && *side == p.side),
            }
        })
        .collect();
    // C6.
    let perception = later
        .roles
        .iter()
        .filter_map(|l| {
            let e = earlier.roles.iter().find(|e| e.id == l.id)?;
            let listed = |s: Option<u8>| s.is_some_and(|s| s >= SPREAD_LISTED);
            (listed(e.spread) || listed(l.spread)).then(|| PerceptionChange {
                role: l.id.clone(),
                earlier_spread: e.spread,
                later_spread: l.spread,
            })
        })
        .collect();
    Ok(Comparison {
        threshold: t,
        overall_status: overall.status(t),
        overall,
        functions,
        roles,
        most_improved,
        most_declined,
        plan_follow_up,
        perception,
    })
}

#[cfg(test)]
mod tests;
