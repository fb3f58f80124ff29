//! What respondents may see of the combined results through their links, as a rule: never a live
//! view, always a snapshot from which nobody's answers can be worked out by difference.
//!
//! A live view leaks: read before and after a fourth sheet arrives, `4·after − 3·before` is the
//! newcomer's answers. So:
//!
//! - **Who may see anything** ([`ready`]): every sheet is submitted, there are at least
//!   [`MIN_RESPONDENTS`] sheets, and at least [`MIN_OTHERS`] respondents besides the viewer gave a
//!   level of 1 or more somewhere (the viewer can take their own answers out of the totals; empty
//!   or all-0 sheets add nothing to them).
//! - **When a snapshot is taken** ([`snapshot_due`]): when there is none yet, or when at least
//!   [`REPLACE_AFTER`] more sheets are submitted than the kept one counts (a difference is then a
//!   mix of three people at least); otherwise the kept snapshot is shown as it is.
//! - **What a snapshot holds** ([`Figures::take`]): the combined maturity only (overall and per
//!   function), never the insource or outsource means (those count only the people who answered
//!   that side, who may be one); in tenths as shown, so that a chart carries no more precision
//!   than the numbers beside it; figures by position only when every position has
//!   [`MIN_RESPONDENTS`] sheets or more, and, in a replacement, only when each position changed by
//!   no sheet or by [`REPLACE_AFTER`] or more (added, removed or submitted again): one position's
//!   column would otherwise give one person away although the total grew by three.
//!
//! Keeping the snapshot (and refusing to replace a newer one) is the store's; asking for it at the
//! right time is the web application's. This module decides; it does no I/O.

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, Assessment};
use crate::catalog::Catalog;
use crate::rounding::tenths;
use crate::rules::{Evaluation, evaluate};

/// Sheets the combined results need before anyone sees them, and a position before its own
/// figures are shown.
pub const MIN_RESPONDENTS: usize = 3;

/// Respondents besides the viewer who must have given a level of 1 or more somewhere.
pub const MIN_OTHERS: usize = 2;

/// More sheets than the kept snapshot counts before it is replaced.
pub const REPLACE_AFTER: usize = 3;

/// One respondent's sheet, as [`ready`] needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetState {
    /// The sheet is the viewer's own.
    pub viewer: bool,
    pub submitted: bool,
    /// Some role has a level of 1 or more on some side ([`gives_a_level`]).
    pub gives_a_level: bool,
}

/// Whether a sheet's answers add anything to the combined figures: a level of 1–5 on some side.
pub fn gives_a_level<'a>(answers: impl IntoIterator<Item = &'a Answer>) -> bool {
    answers.into_iter().any(|a| {
        [a.insource, a.outsource]
            .iter()
            .any(|l| l.is_some_and(|l| l.get() >= 1))
    })
}

/// May the viewer see the combined results now? When not, how many sheets are submitted, of how
/// many (what the page says while it waits).
pub fn ready(sheets: impl IntoIterator<Item = SheetState>) -> Result<(), (usize, usize)> {
    let (mut total, mut submitted, mut others) = (0, 0, 0);
    for sheet in sheets {
        total += 1;
        submitted += usize::from(sheet.submitted);
        others += usize::from(!sheet.viewer && sheet.gives_a_level);
    }
    if submitted == total && total >= MIN_RESPONDENTS && others >= MIN_OTHERS {
        Ok(())
    } else {
        Err((submitted, total))
    }
}

/// Must a new snapshot be taken? `kept` is how many sheets the kept snapshot counts (`None`: there
/// is none); `submitted`, how many are submitted now.
pub fn snapshot_due(kept: Option<usize>, submitted: usize) -> bool {
    kept.is_none_or(|counted| counted + REPLACE_AFTER <= submitted)
}

/// A sheet a snapshot counts: the respondent's id, their position (`Position::as_str`) and when
/// the sheet was submitted. What the next snapshot is compared with; never shown.
pub type Sheet = (i64, String, i64);

/// What respondents see of the combined results, in tenths as shown. Stored as JSON as it
/// serialises (the field names and the sheets as `[id, position, submitted_at]` arrays).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Sheets counted.
    pub counted: usize,
    pub overall: Option<i64>,
    /// Per function, in catalog order: its maturity.
    pub functions: Vec<Option<i64>>,
    /// Per position, when the rules allow it (else empty): its id, respondents and maturity per
    /// function.
    pub positions: Vec<PositionFigures>,
    pub sheets: Vec<Sheet>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionFigures {
    pub position: String,
    pub respondents: usize,
    pub functions: Vec<Option<i64>>,
}

fn in_tenths(value: Option<f64>) -> Option<i64> {
    value.filter(|v| v.is_finite()).map(tenths)
}

impl Figures {
    /// The snapshot of `assessment` (the submitted sheets only, `sheets` saying which they are),
    /// replacing `earlier` when there is one.
    pub fn take(
        catalog: &Catalog,
        assessment: &Assessment,
        sheets: Vec<Sheet>,
        earlier: Option<&Figures>,
    ) -> Figures {
        Figures::scored(&evaluate(catalog, assessment), assessment, sheets, earlier)
    }

    /// [`Figures::take`] from an evaluation of `assessment` already made (a closed round's, as it
    /// kept it).
    pub fn scored(
        e: &Evaluation,
        assessment: &Assessment,
        sheets: Vec<Sheet>,
        earlier: Option<&Figures>,
    ) -> Figures {
        let by_position = e.positions.iter().all(|p| p.respondents >= MIN_RESPONDENTS)
            && earlier.is_none_or(|earlier| positions_may_show(&earlier.sheets, &sheets));
        Figures {
            counted: assessment.respondents.len(),
            overall: in_tenths(e.overall),
            functions: e.functions.iter().map(|f| in_tenths(f.maturity)).collect(),
            positions: if by_position {
                e.positions
                    .iter()
                    .map(|p| PositionFigures {
                        position: p.position.as_str().to_string(),
                        respondents: p.respondents,
                        functions: p.functions.iter().map(|v| in_tenths(*v)).collect(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            sheets,
        }
    }

    /// A value for a chart: exactly the number shown.
    pub fn plotted(value: Option<i64>) -> Option<f64> {
        value.map(|t| t as f64 / 10.0)
    }
}

/// Whether a replacement may show figures by position: in each position, no sheet or at least
/// [`REPLACE_AFTER`] sheets differ between the two snapshots (added, removed, or submitted again:
/// a sheet submitted again is the old one out and the new one in).
pub fn positions_may_show(before: &[Sheet], now: &[Sheet]) -> bool {
    use std::collections::{BTreeMap, BTreeSet};
    let before: BTreeSet<&Sheet> = before.iter().collect();
    let now: BTreeSet<&Sheet> = now.iter().collect();
    let mut changed: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, position, _) in before.symmetric_difference(&now) {
        *changed.entry(position.as_str()).or_default() += 1;
    }
    changed.values().all(|n| *n >= REPLACE_AFTER)
}

#[cfg(test)]
mod tests;
