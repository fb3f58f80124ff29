//! The improvement plan's rules (beside R10, `docs/rules.md` "The improvement plan"): which of
//! R10's points a report's plan shows, how they are grouped and in what order, the level each line
//! starts from, and when a level rests on too few answers. The words and the layout are the
//! reports' (`isomm_report::plan`), which call these functions.
//!
//! How much of the plan to show is a setting of a report ([`PlanOptions`]: the `isomm report`
//! options, an assessment's settings on the web), never part of an answers file; bounded like every
//! input, it is parsed once, and the store keeps it as it is.

use serde::Serialize;

use crate::answers::{Assessment, Side};
use crate::catalog::Catalog;
use crate::rules::{Evaluation, Improvement};

/// Two gaps closer than this are equal: a gap computed as 4 − 3.5 may be 0.4999…, and people
/// compare it with the threshold as they read it.
const EPSILON: f64 = 1e-9;

/// How many of the plan's points the summary lists as its top actions.
pub const TOP_ACTIONS: usize = 3;

/// At most `size` lines, none with a gap below `min_gap` (kept in tenths: people read one decimal).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PlanOptions {
    size: u16,
    min_gap_tenths: u8,
}

impl PlanOptions {
    pub const DEFAULT_SIZE: usize = 10;
    pub const DEFAULT_MIN_GAP: f64 = 0.5;
    /// The largest plan size accepted (every role of the largest model).
    pub const MAX_SIZE: usize = crate::limits::MAX_ROLES;
    /// Gaps are differences of levels 0–5.
    pub const MAX_MIN_GAP: f64 = 5.0;

    /// Options within bounds: 1 ≤ size ≤ [`Self::MAX_SIZE`], 0 ≤ min_gap ≤ [`Self::MAX_MIN_GAP`]
    /// with at most one decimal (as every level and gap is shown).
    pub fn new(size: usize, min_gap: f64) -> Option<PlanOptions> {
        let tenths = (min_gap * 10.0).round();
        let whole_tenths = (min_gap * 10.0 - tenths).abs() < 1e-6;
        ((1..=Self::MAX_SIZE).contains(&size)
            && (0.0..=Self::MAX_MIN_GAP).contains(&min_gap)
            && whole_tenths)
            .then_some(PlanOptions {
                size: size as u16,
                min_gap_tenths: tenths as u8,
            })
    }

    /// From the store's columns (size, tenths); `None` when out of bounds.
    pub fn from_stored(size: i64, min_gap_tenths: i64) -> Option<PlanOptions> {
        let size = usize::try_from(size).ok()?;
        let tenths = u8::try_from(min_gap_tenths).ok()?;
        PlanOptions::new(size, f64::from(tenths) / 10.0)
    }

    pub fn size(self) -> usize {
        usize::from(self.size)
    }

    pub fn min_gap(self) -> f64 {
        f64::from(self.min_gap_tenths) / 10.0
    }

    pub fn min_gap_tenths(self) -> u8 {
        self.min_gap_tenths
    }
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            size: Self::DEFAULT_SIZE as u16,
            min_gap_tenths: (Self::DEFAULT_MIN_GAP * 10.0) as u8,
        }
    }
}

/// What an improvement point asks for, read from the answers first and the patterns second
/// (docs/rules.md, "The improvement plan"): a line never tells a team to bring in-house what it
/// already does in-house.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Nobody answered either side of the role: find out how it is done first.
    FindOut,
    /// The answers have an in-house value and the target expects the role in-house: raise it.
    RaiseInHouse,
    /// The answers have an outsource value and the target expects the role outsourced: raise what
    /// the provider delivers.
    ManageProvider,
    /// The answers contradict the current pattern (R9) and have no value on the target's side:
    /// confirm how the role is done before planning it.
    ConfirmSourcing,
    /// No in-house value; the patterns move the role in-house (or nobody does it on either side).
    BringInHouse,
    /// No outsource value; the patterns move the role to a provider.
    HandOver,
}

impl Action {
    /// Every action, in the order the rules try them (their precedence).
    pub const ALL: [Action; 6] = [
        Action::FindOut,
        Action::RaiseInHouse,
        Action::ManageProvider,
        Action::ConfirmSourcing,
        Action::BringInHouse,
        Action::HandOver,
    ];

    /// The action for point `point` of the evaluation `e`, in this precedence: nobody answered the
    /// role → [`Action::FindOut`]; the target's side has a value (R5) → raise it
    /// ([`Action::RaiseInHouse`], [`Action::ManageProvider`]), R9 mismatch or not; the answers
    /// contradict the current pattern (R9) → [`Action::ConfirmSourcing`]; otherwise the side has
    /// no value → [`Action::BringInHouse`] or [`Action::HandOver`].
    pub fn of(e: &Evaluation, point: &Improvement) -> Action {
        if nobody_answered(e, point.role) {
            Action::FindOut
        } else if side_present(e, point) {
            match point.side {
                Side::Insource => Action::RaiseInHouse,
                Side::Outsource => Action::ManageProvider,
            }
        } else if e.mismatches.iter().any(|m| m.role == point.role) {
            Action::ConfirmSourcing
        } else {
            match point.side {
                Side::Insource => Action::BringInHouse,
                Side::Outsource => Action::HandOver,
            }
        }
    }

    /// The code of the action in the result document (`plan[].action`) and in `isomm-plan/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::FindOut => "find-out",
            Action::RaiseInHouse => "raise-in-house",
            Action::ManageProvider => "manage-provider",
            Action::ConfirmSourcing => "confirm-sourcing",
            Action::BringInHouse => "bring-in-house",
            Action::HandOver => "hand-over",
        }
    }
}

/// Whether no respondent answered either side of the role (each one's level is R1's default 1).
pub fn nobody_answered(e: &Evaluation, role: usize) -> bool {
    e.roles[role].unanswered == e.answered.len()
}

/// Which of R10's points the plan shows: indices into the list of points (the evaluation's
/// `improvements`), each list in R10's order (priority, then catalog order).
#[derive(Debug, PartialEq)]
pub struct Selection {
    /// The plan's lines: the first `size` points whose gap is at least `min_gap`, with each R8
    /// weakness's highest such point kept in. A line's rank is its place here, from 1.
    pub shown: Vec<usize>,
    /// The other points at or above `min_gap`: in the plan, folded, ranked on after `shown`.
    pub folded: Vec<usize>,
    /// Points below `min_gap`: counted, in the result document only.
    pub below: usize,
    /// The points kept in for a weakness (R8 order), each also in `shown`.
    pub reserved: Vec<usize>,
}

/// One group of the plan: the lines shown that ask for one action, in rank order.
#[derive(Debug, PartialEq)]
pub struct Group {
    pub action: Action,
    pub points: Vec<usize>,
}

/// Cuts the evaluation's R10 list by the plan's threshold and size, keeping the weakest functions
/// in view (docs/rules.md): each R8 weakness with a point at or above the threshold has its highest
/// point among the lines, in place of the lowest-ranked line not kept for a weakness; with fewer
/// lines than such weaknesses, the lines are theirs in R8 order.
pub fn select(catalog: &Catalog, e: &Evaluation, options: PlanOptions) -> Selection {
    let function_of: Vec<usize> = e
        .improvements
        .iter()
        .map(|p| catalog.roles()[p.role].function)
        .collect();
    cut(&e.improvements, &function_of, &e.weaknesses, options)
}

/// [`select`] on a bare list of points: `function_of[i]` is the function of point i's role, and
/// `weaknesses` are R8's weak functions in R8's order.
pub fn cut(
    points: &[Improvement],
    function_of: &[usize],
    weaknesses: &[usize],
    options: PlanOptions,
) -> Selection {
    let (large, small): (Vec<usize>, Vec<usize>) =
        (0..points.len()).partition(|&i| points[i].gap + EPSILON >= options.min_gap());
    let mut reserved: Vec<usize> = weaknesses
        .iter()
        .filter_map(|&f| large.iter().copied().find(|&i| function_of[i] == f))
        .collect();
    reserved.truncate(options.size());
    let free = options.size() - reserved.len();
    let mut shown = reserved.clone();
    shown.extend(
        large
            .iter()
            .copied()
            .filter(|i| !reserved.contains(i))
            .take(free),
    );
    shown.sort_unstable();
    let folded = large.into_iter().filter(|i| !shown.contains(i)).collect();
    Selection {
        shown,
        folded,
        below: small.len(),
        reserved,
    }
}

impl Selection {
    /// The lines shown, grouped by action: a group's lines in rank order, the groups in the order
    /// of their first lines (the group holding rank 1 comes first).
    pub fn groups(&self, e: &Evaluation) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        for &i in &self.shown {
            let action = Action::of(e, &e.improvements[i]);
            match groups.iter_mut().find(|g| g.action == action) {
                Some(g) => g.points.push(i),
                None => groups.push(Group {
                    action,
                    points: vec![i],
                }),
            }
        }
        groups
    }

    /// The summary's first actions, at most [`TOP_ACTIONS`], in rank order: the first line of each
    /// group in the groups' order, so that they ask for different things; where the plan has fewer
    /// groups, the next lines in rank order.
    pub fn top(&self, e: &Evaluation) -> Vec<usize> {
        let mut top: Vec<usize> = self
            .groups(e)
            .iter()
            .map(|g| g.points[0])
            .take(TOP_ACTIONS)
            .collect();
        for &i in &self.shown {
            if top.len() >= TOP_ACTIONS {
                break;
            }
            if !top.contains(&i) {
                top.push(i);
            }
        }
        top.sort_unstable();
        top
    }

    /// The rank of point `i`: its place among the lines, then among the folded ones (from 1);
    /// `None` for a point below the threshold.
    pub fn rank(&self, i: usize) -> Option<usize> {
        self.shown
            .iter()
            .chain(&self.folded)
            .position(|&s| s == i)
            .map(|p| p + 1)
    }
}

/// The level whose definition a plan line starts from ("from … (level 2) to … (level 4)"): the
/// whole part of L, at least 1 (docs/rules.md), whoever answered 0 on the side — a line names one
/// starting level; that some respondents decided against the side is said beside it as a fact.
pub fn from_level(point: &Improvement) -> u8 {
    (point.level + EPSILON).floor().clamp(1.0, 5.0) as u8
}

/// Whether the side a point is about has a value (R5) in the evaluation.
pub fn side_present(e: &Evaluation, point: &Improvement) -> bool {
    let role = &e.roles[point.role];
    match point.side {
        Side::Insource => role.insource.is_some(),
        Side::Outsource => role.outsource.is_some(),
    }
}

/// How the respondents answered one side of a role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SideCount {
    /// Answers 1–5 on this side.
    pub rated: usize,
    /// Answers of 0: considered, and decided not to do it that way.
    pub declined: usize,
}

pub fn side_count(assessment: &Assessment, role: usize, side: Side) -> SideCount {
    let mut count = SideCount::default();
    for p in &assessment.respondents {
        match p.answers[role].side(side).map(|l| l.get()) {
            Some(0) => count.declined += 1,
            Some(_) => count.rated += 1,
            None => {}
        }
    }
    count
}

/// How many respondents gave the role a level of 1–5 on some side: what its level rests on.
pub fn evidence(assessment: &Assessment, role: usize) -> usize {
    assessment
        .respondents
        .iter()
        .filter(|p| {
            let a = &p.answers[role];
            [a.insource, a.outsource]
                .into_iter()
                .flatten()
                .any(|l| l.get() > 0)
        })
        .count()
}

/// A role's level is marked (thin evidence) when it rests on fewer than two answering
/// respondents while several were asked.
pub fn thin(assessment: &Assessment, role: usize) -> bool {
    assessment.respondents.len() >= 2 && evidence(assessment, role) < 2
}

/// How many respondents gave some role of function `f` a level of 1–5: what its maturity rests
/// on.
pub fn function_evidence(catalog: &Catalog, assessment: &Assessment, f: usize) -> usize {
    let roles = catalog.functions()[f].roles.clone();
    assessment
        .respondents
        .iter()
        .filter(|p| {
            roles.clone().any(|r| {
                let a = &p.answers[r];
                [a.insource, a.outsource]
                    .into_iter()
                    .flatten()
                    .any(|l| l.get() > 0)
            })
        })
        .count()
}

/// A function's maturity is marked (thin evidence) when fewer than two respondents gave any of its
/// roles a level while several were asked: as [`thin`] for a role.
pub fn thin_function(catalog: &Catalog, assessment: &Assessment, f: usize) -> bool {
    assessment.respondents.len() >= 2 && function_evidence(catalog, assessment, f) < 2
}

#[cfg(test)]
mod tests;
