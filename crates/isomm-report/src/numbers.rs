//! Numbers as people read them, one rule for every format: one decimal, rounded as Excel displays
//! it (`spec/formats.md`), and differences taken before rounding. Below the view models and the
//! charts, which all format through here.

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
    shown_tenths(tenths(value))
}

/// A value in tenths, rounded as [`shown`] rounds it (2.25 → 23): the core's rule
/// ([`isomm_core::rounding`]), for the callers that format tenths themselves.
pub use isomm_core::rounding::tenths;

/// Tenths as people read them: "2.3", "-0.4".
pub fn shown_tenths(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// `a − b` as every format shows it: the unrounded difference, rounded as shown (4 − 2.25 = 1.75
/// shows 1.8, as the workbook's cell of the same difference does). Where that is not the
/// difference of the two values as shown (4 − 2.3 = 1.7), [`adds_up`] is false and the report
/// says why ([`rounding_note`]).
pub fn difference(a: f64, b: f64) -> String {
    shown(a - b)
}

/// Whether the difference shown for `a − b` is the difference of `a` and `b` as shown.
pub fn adds_up(a: f64, b: f64) -> bool {
    tenths(a - b) == tenths(a) - tenths(b)
}
