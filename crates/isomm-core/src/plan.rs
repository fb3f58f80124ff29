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

/// What an improvement point asks for, from its side under the target pattern and whether that
/// side changes ([`Improvement::transition`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// The target pattern does it in-house; the current one outsources it.
    BringInHouse,
    /// The target pattern outsources it; the current one does it in-house.
    HandOver,
    /// In-house under both patterns.
    RaiseInHouse,
    /// Outsourced under both patterns.
    ManageProvider,
}

impl Action {
    /// The order of the plan's groups: changes of sourcing first (R10 adds 1 to their priority).
    pub const ALL: [Action; 4] = [
        Action::BringInHouse,
        Action::HandOver,
        Action::RaiseInHouse,
        Action::ManageProvider,
    ];

    pub fn of(point: &Improvement) -> Action {
        match (point.transition, point.side) {
            (true, Side::Insource) => Action::BringInHouse,
            (true, Side::Outsource) => Action::HandOver,
            (false, Side::Insource) => Action::RaiseInHouse,
            (false, Side::Outsource) => Action::ManageProvider,
        }
    }
}

/// Which of R10's points the plan shows: indices into the list of points (the evaluation's
/// `improvements`), each list in R10's order (priority, then catalog order).
#[derive(Debug, PartialEq)]
pub struct Selection {
    /// The first `size` points whose gap is at least `min_gap`.
    pub shown: Vec<usize>,
    /// The other points at or above `min_gap`: in the plan, folded.
    pub folded: Vec<usize>,
    /// Points below `min_gap`: counted, in the result document only.
    pub below: usize,
}

/// One group of the plan: the points shown that ask for one action, in R10's order (a line's rank
/// in its group is its place in `points`, from 1).
#[derive(Debug, PartialEq)]
pub struct Group {
    pub action: Action,
    pub points: Vec<usize>,
}

/// Cuts R10's list (`points`, in R10's order) by the plan's threshold and size.
pub fn select(points: &[Improvement], options: PlanOptions) -> Selection {
    let (large, small): (Vec<usize>, Vec<usize>) =
        (0..points.len()).partition(|&i| points[i].gap + EPSILON >= options.min_gap());
    let cut = large.len().min(options.size());
    Selection {
        shown: large[..cut].to_vec(),
        folded: large[cut..].to_vec(),
        below: small.len(),
    }
}

impl Selection {
    /// The points shown, grouped by action: groups in [`Action::ALL`]'s order, empty ones left
    /// out, each keeping R10's order.
    pub fn groups(&self, points: &[Improvement]) -> Vec<Group> {
        Action::ALL
            .into_iter()
            .map(|action| Group {
                action,
                points: self
                    .shown
                    .iter()
                    .copied()
                    .filter(|&i| Action::of(&points[i]) == action)
                    .collect(),
            })
            .filter(|g| !g.points.is_empty())
            .collect()
    }

    /// The summary's top actions: the first [`TOP_ACTIONS`] points shown, in R10's order.
    pub fn top(&self) -> &[usize] {
        &self.shown[..self.shown.len().min(TOP_ACTIONS)]
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

#[cfg(test)]
mod tests;
