//! How much of R10's list of improvement points a report's plan shows: a setting of a report (the
//! `isomm report` options, an assessment's settings on the web), never part of an answers file.
//!
//! Bounded like every input: parsed once into [`PlanOptions`], which the store keeps as it is.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_bounded() {
        assert!(PlanOptions::new(0, 0.5).is_none());
        assert!(PlanOptions::new(PlanOptions::MAX_SIZE + 1, 0.5).is_none());
        assert!(PlanOptions::new(10, -0.1).is_none());
        assert!(PlanOptions::new(10, 5.1).is_none());
        assert!(PlanOptions::new(10, f64::NAN).is_none());
        assert!(PlanOptions::new(10, 0.25).is_none(), "one decimal at most");
        assert_eq!(PlanOptions::new(10, 0.5), Some(PlanOptions::default()));
        let o = PlanOptions::new(PlanOptions::MAX_SIZE, 0.3).unwrap();
        assert_eq!((o.size(), o.min_gap(), o.min_gap_tenths()), (500, 0.3, 3));
        assert_eq!(PlanOptions::from_stored(500, 3), Some(o));
        assert_eq!(PlanOptions::from_stored(-1, 3), None);
        assert_eq!(PlanOptions::from_stored(10, 300), None);
    }
}
